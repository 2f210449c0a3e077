// Each Pulumi test run reads its configuration from process-wide environment variables, so the
// tests run one at a time: one collection for the whole assembly (xunit.v3 4 made
// DisableTestParallelization an error; a single collection never runs in parallel with itself).
[assembly: CollectionBehavior(CollectionBehavior.CollectionPerAssembly)]
