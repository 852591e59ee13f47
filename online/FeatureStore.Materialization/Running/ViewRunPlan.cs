using FeatureStore.Materialization.Source;
using FeatureStore.Registry.Model;

namespace FeatureStore.Materialization.Running;

/// <summary>
/// One view's work in a run: its definitions, the window to read, and how the watermarks move on success:
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
    public DateTimeOffset WindowStart => Window.EventStart == long.MinValue ? DateTimeOffset.MinValue : new(Window.EventStart, TimeSpan.Zero);

    public DateTimeOffset WindowEnd => new(Window.EventEnd, TimeSpan.Zero);
}
