namespace MlopsAlerting.Core.Tests;

public class SmokeTests
{
    [Fact]
    public void Runs() => Assert.True(YamlDotNet.Core.Mark.Empty.Line >= 0);
}
