using ConsumerProgram;
using Pulumi;

// A platform team's own Pulumi program that adds the model alerting to its cluster from the packed
// MlopsAlerting.Components package. `--mocks <mode> <file>` runs it under Pulumi's test engine instead
// (tests/MlopsAlerting.Infra.Tests, ConsumerProgramTests).
if (args is ["--mocks", var mode, var file])
{
    await MockRun.RunAsync(mode, file);
    return 0;
}

return await Deployment.RunAsync(() => AlertingStack.Declare(AlertingStack.FromStackConfig));
