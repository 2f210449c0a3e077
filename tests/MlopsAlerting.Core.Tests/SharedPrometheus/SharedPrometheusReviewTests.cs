using MlopsAlerting.Core.Review;
using MlopsAlerting.Core.Workload;

namespace MlopsAlerting.Core.Tests.SharedPrometheus;

/// <summary>
/// Stacks that report to one Prometheus, or two components of one program, declare nothing twice with the defaults
/// (each namespace gets its own Secret and PodMonitor in Prometheus's namespace), and the review warns about what two
/// stacks of the project would still both declare.
/// </summary>
public class SharedPrometheusReviewTests
{
    [Fact]
    public void The_committed_stacks_collide_nowhere_and_each_has_its_own_identity_and_scrape_job()
    {
        var dev = StackFiles.Committed("dev");
        var prod = StackFiles.Committed("prod");

        Assert.Empty(SharedPrometheusReview.Collisions(prod, dev));
        Assert.Empty(SharedPrometheusReview.Collisions(dev, prod));
        Assert.NotEqual(AlertmanagerScrape.JobName(dev), AlertmanagerScrape.JobName(prod));
        Assert.Equal("mlops-alerting/monitoring/prod/alertmanager", AlertmanagerScrape.JobName(prod));
    }

    [Fact]
    public void By_default_each_namespace_gets_its_own_secret_and_pod_monitor_and_a_stack_in_prometheus_namespace_keeps_the_old_names()
    {
        var eu = SharedStacks.WithBasicAuth("eu", "ml-eu", "  mlops-alerting:rules:\n    target: prometheusRule");
        var us = SharedStacks.WithBasicAuth("us", "ml-us", "  mlops-alerting:rules:\n    target: prometheusRule");
        var beside = SharedStacks.WithBasicAuth("prod", "monitoring", "  mlops-alerting:rules:\n    target: prometheusRule");

        Assert.Equal(("monitoring", "alertmanager-basic-auth-ml-eu"), (eu.Access.BasicAuth.PrometheusSecret.Namespace, eu.Access.BasicAuth.PrometheusSecret.Name));
        Assert.Equal("alertmanager-basic-auth-ml-us", us.Access.BasicAuth.PrometheusSecret.Name);
        Assert.Equal("alertmanager-basic-auth", beside.Access.BasicAuth.PrometheusSecret.Name);
        Assert.Equal(["alertmanager-ml-eu", "alertmanager-ml-us", "alertmanager"], new[] { eu, us, beside }.Select(AlertmanagerScrape.PodMonitorName));
        Assert.Empty(SharedPrometheusReview.Collisions(eu, us));
        Assert.Empty(SharedPrometheusReview.Collisions(eu, beside));
    }

    [Fact]
    public void Two_stacks_in_one_namespace_or_with_one_named_secret_are_warned_about_by_name()
    {
        var staging = SharedStacks.WithBasicAuth("staging", "ml", "  mlops-alerting:rules:\n    target: prometheusRule");
        var prod = SharedStacks.WithBasicAuth("prod", "ml", "  mlops-alerting:rules:\n    target: prometheusRule");
        var named = SharedStacks.WithBasicAuth("eu", "ml-eu", "      prometheusSecret:\n        name: am-auth");
        var namedToo = SharedStacks.WithBasicAuth("us", "ml-us", "      prometheusSecret:\n        name: am-auth");

        var sameNamespace = SharedPrometheusReview.Collisions(prod, staging);
        Assert.Contains(sameNamespace, c => c.StartsWith("namespace `ml`", StringComparison.Ordinal));
        Assert.Contains(sameNamespace, c => c.StartsWith("Secret `monitoring/alertmanager-basic-auth-ml`", StringComparison.Ordinal));
        Assert.Contains(sameNamespace, c => c.StartsWith("PodMonitor `monitoring/alertmanager-ml`", StringComparison.Ordinal));
        Assert.Equal(["Secret `monitoring/am-auth` for Prometheus: set `access.basicAuth.prometheusSecret.name` in one of them"], SharedPrometheusReview.Collisions(named, namedToo));

        var section = SharedPrometheusReview.Render(prod, [staging, named], ["broken"]).Markdown;
        Assert.Contains("**Warning**: stack `staging` of this project declares the same namespace `ml`", section, StringComparison.Ordinal);
        Assert.DoesNotContain("stack `eu`", section, StringComparison.Ordinal);
        Assert.Contains("Stack `broken` of this project has mistakes", section, StringComparison.Ordinal);
    }

    [Fact]
    public void The_section_shows_the_identity_and_the_owned_series_selector()
    {
        var owned = SharedStacks.Bind("staging", """
              mlops-alerting:namespace: ml-staging
              mlops-alerting:rules:
                ownedSeries: 'namespace="models-staging",  team=~"fraud|pricing"'
            """);

        var section = SharedPrometheusReview.Render(owned, [], []).Markdown;

        Assert.Contains("`mlops_stack=\"ml-staging/staging\"`", section, StringComparison.Ordinal);
        Assert.Contains("`model_mae{namespace=\"models-staging\", team=~\"fraud|pricing\"}`", section, StringComparison.Ordinal);
        Assert.Contains("every `model_mae` series", SharedPrometheusReview.Render(StackFiles.Committed("prod"), [], []).Markdown, StringComparison.Ordinal);
    }
}
