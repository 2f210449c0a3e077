namespace MlopsAlerting.Components; internal static class Placeholder { }
