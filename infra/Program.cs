using MlopsAlerting.Infra;
using Pulumi;

return await Deployment.RunAsync(AlertingProgram.Run);
