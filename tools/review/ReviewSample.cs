namespace MlopsAlerting.Review;

/// <summary>The start of the review's sample alert: fixed, so that a review of unchanged settings prints the same text.</summary>
internal static class ReviewSample
{
    public static readonly DateTimeOffset Start = new(2025, 1, 2, 9, 30, 0, TimeSpan.Zero);
}
