using System.Globalization;
using System.Reflection;
using MlopsAlerting.Core.Settings;
using MlopsAlerting.Core.Tests.Heartbeat;

namespace MlopsAlerting.Core.Tests.Settings;

/// <summary>
/// Settings cannot exist unchecked: a program using the packages can neither construct <see cref="StackSettings"/>
/// nor change bound ones with <c>with</c> (which needs init accessors it can see), and the checks that read bound
/// settings run again on whatever settings <c>ModelAlerting</c> is given (<see cref="SettingsBinder.Recheck"/>).
/// </summary>
public class UncheckedSettingsTests
{
    private const BindingFlags Instance = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;

    [Fact]
    public void Another_assembly_can_neither_construct_settings_nor_set_any_of_their_properties()
    {
        var type = typeof(StackSettings);

        // Constructors: the binder's (internal) and the compiler's copy constructor (private, the record being sealed).
        Assert.All(type.GetConstructors(Instance), c => Assert.False(c.IsPublic || c.IsFamily || c.IsFamilyOrAssembly, $"{c} is visible outside the assembly"));
        Assert.DoesNotContain(type.GetMethods(BindingFlags.Static | BindingFlags.Public), m => m.ReturnType == type);

        // `settings with { X = ... }` compiles only where X's init accessor is accessible; every one is internal.
        var properties = type.GetProperties(Instance);
        Assert.Contains(properties, p => p.Name == nameof(StackSettings.Alertmanager));
        Assert.All(properties.Where(p => p.SetMethod is not null), p => Assert.True(p.SetMethod!.IsAssembly, $"{p.Name}'s init accessor is visible outside the assembly"));
    }

    [Fact]
    public void The_bound_models_are_a_list_no_caller_can_add_to()
    {
        var settings = StackFiles.Committed("prod");

        Assert.NotEmpty(settings.Models);
        Assert.True(settings.Models is not IList<ModelSettings> { IsReadOnly: false }, "the models are a mutable list");
    }

    [Fact]
    public void Bound_settings_pass_the_recheck()
    {
        Assert.Empty(SettingsBinder.Recheck(StackFiles.Committed("prod")));
        Assert.Empty(SettingsBinder.Recheck(StackFiles.Committed("dev")));
        Assert.Empty(SettingsBinder.Recheck(HeartbeatStacks.Prod()));
    }

    [Fact]
    public void The_recheck_refuses_two_replicas_however_the_settings_were_made()
    {
        var settings = StackFiles.Committed("prod");
        var forged = settings with { Alertmanager = settings.Alertmanager with { Replicas = 2 } };

        var error = Assert.Single(SettingsBinder.Recheck(forged));

        Assert.Equal("alertmanager.replicas", error.Key);
        Assert.StartsWith("Pulumi.prod.yaml: alertmanager.replicas: is 2", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_recheck_refuses_a_heartbeat_on_an_image_too_old_for_it()
    {
        var old = HeartbeatStacks.Prod(url: null, image: "quay.io/prometheus/alertmanager:v0.25.0");
        var forged = HeartbeatStacks.Prod() with { Alertmanager = old.Alertmanager };

        var error = Assert.Single(SettingsBinder.Recheck(forged), e => e.Key == HeartbeatUrl.Key);

        Assert.Contains("does not know url_file", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void The_recheck_refuses_a_rule_file_larger_than_its_object_holds()
    {
        var settings = StackFiles.Committed("prod");
        var model = settings.Models[0];
        // As ObjectSizeLimitTests: 40,000 models whose names share no prefix.
        var many = Enumerable.Range(0, 40_000).Select(i => model with { Name = "m" + ((uint)i * 2654435761u).ToString("x8", CultureInfo.InvariantCulture) + ((uint)i * 40503u).ToString("x8", CultureInfo.InvariantCulture) }).ToList();
        var forged = settings with { Models = many };

        var error = Assert.Single(SettingsBinder.Recheck(forged));

        Assert.Equal("models", error.Key);
        Assert.Contains("40000 models make the", error.Problem, StringComparison.Ordinal);
    }
}
