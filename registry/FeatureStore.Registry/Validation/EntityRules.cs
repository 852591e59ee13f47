using FeatureStore.Registry.Model;

namespace FeatureStore.Registry.Validation;

/// <summary>Entities: at least one join key, distinct key names, key names that are identifiers, exact-match key types.</summary>
internal static class EntityRules
{
    public static void Check(IReadOnlyList<EntityDefinition> entities, ProblemCollector problems)
    {
        foreach (var entity in entities)
        {
            Check(entity, problems);
        }
    }

    private static void Check(EntityDefinition entity, ProblemCollector problems)
    {
        if (entity.JoinKeys.Count == 0)
        {
            problems.Add(ObjectKind.Entity, entity.Name, "join_keys",
                $"entity '{entity.Name}' has no join keys; declare at least one (join_keys: [{{name: {entity.Name}_id, type: int64}}])");
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < entity.JoinKeys.Count; i++)
        {
            var key = entity.JoinKeys[i];
            var field = $"join_keys[{i}]";
            if (!DefinitionNames.IsIdentifier(key.Name))
            {
                problems.Add(ObjectKind.Entity, entity.Name, field, DefinitionNames.InvalidMessage("join key", key.Name));
            }
            else if (!seen.Add(key.Name))
            {
                problems.Add(ObjectKind.Entity, entity.Name, field, $"join key '{key.Name}' is declared twice in entity '{entity.Name}'");
            }

            if (!key.Type.IsValidJoinKeyType())
            {
                problems.Add(ObjectKind.Entity, entity.Name, field + ".type",
                    $"join key '{key.Name}' of entity '{entity.Name}' has type {key.Type.Name()}; join keys must be int32, int64, string or bytes");
            }
        }
    }
}
