namespace MlopsAlerting.Rules.Tests;

/// <summary>A series and its samples, e.g. <c>model_mae{model_name="x"}</c> with <c>0.45x10</c> (eleven samples of 0.45).</summary>
internal sealed record InputSeries(string Series, string Values);
