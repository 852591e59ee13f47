using FeatureStore.Materialization.Source;
using FeatureStore.Registry.Model;

namespace FeatureStore.Materialization.Running;

/// <summary>
/// One view version's work in a run: its definitions, the window to read, and how the watermarks move on success:
/// the event watermark per completed chunk (when <see cref="AdvanceEvent"/>), the created watermark to
/// <see cref="CreatedWatermarkOnSuccess"/> once every chunk is written.
/// </summary>
internal sealed record ViewRunPlan(
    FeatureViewDefinition View,
    DataSourceDefinition Source,
    IReadOnlyList<EntityDefinition> Entities,
    MaterializationWindow Window,
    bool AdvanceEvent,
    DateTimeOffset? CreatedWatermarkOnSuccess)
{
    /// <summary>What run records, watermarks and progress call this version (<see cref="LiveView.MaterializationKey"/>).</summary>
    public string Key => LiveView.MaterializationKey(View);

    public DateTimeOffset WindowStart => Window.EventStart == long.MinValue ? DateTimeOffset.MinValue : new(Window.EventStart, TimeSpan.Zero);

    public DateTimeOffset WindowEnd => new(Window.EventEnd, TimeSpan.Zero);
}
