using System.Text;
using MlopsAlerting.Core.Config;
using MlopsAlerting.Core.Settings;

namespace MlopsAlerting.Core.Tests.Settings;

/// <summary>
/// The reader and binder on thousands of corrupted copies of the committed stack files (bytes
/// deleted, duplicated, replaced with YAML punctuation, control or non-UTF-8 bytes; seeded, so a
/// failure reproduces): each either binds or throws <see cref="SettingsException"/> with one-line
/// errors. No other exception type, from YamlDotNet or from our code, ever escapes.
/// </summary>
public sealed class StackFileMutationTests
{
    private static readonly byte[] Punctuation = "[]{}:,-?&*!|>'\"%@`#\t\n\r \0~.<"u8.ToArray();

    [Theory]
    [InlineData("dev", 1)]
    [InlineData("prod", 2)]
    public void Corrupted_stack_files_bind_or_fail_with_settings_errors_only(string stack, int seed)
    {
        var original = File.ReadAllBytes(Path.Combine(RepositoryRoot.Path, $"Pulumi.{stack}.yaml"));
        var random = new Random(seed);
        var outcomes = new Dictionary<string, int>();
        using var scratch = new ScratchFolder();
        for (var i = 0; i < 1500; i++)
        {
            var bytes = Mutate(original, random);
            File.WriteAllBytes(Path.Combine(scratch.Path, $"Pulumi.{stack}.yaml"), bytes);
            string outcome;
            try
            {
                SettingsBinder.Bind(StackFileReader.Read(scratch.Path, stack));
                outcome = "bound";
            }
            catch (SettingsException e)
            {
                Assert.All(e.Errors, error => Assert.DoesNotContain('\n', error.ToString()));
                outcome = "refused";
            }
            catch (Exception e)
            {
                Assert.Fail($"mutation {i} (seed {seed}) threw {e.GetType().Name}: {e.Message}{Environment.NewLine}{Encoding.UTF8.GetString(bytes)}");
                throw;
            }

            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
        }

        // Both outcomes occur, so the corruption is neither always harmless nor always fatal.
        Assert.True(outcomes.GetValueOrDefault("bound") > 0 && outcomes.GetValueOrDefault("refused") > 0, string.Join(", ", outcomes));
    }

    private static byte[] Mutate(byte[] original, Random random)
    {
        var bytes = new List<byte>(original);
        for (var edits = random.Next(1, 4); edits > 0; edits--)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(5))
            {
                case 0:
                    bytes.RemoveRange(at, Math.Min(random.Next(1, 8), bytes.Count - at));
                    break;
                case 1:
                    bytes[at] = Punctuation[random.Next(Punctuation.Length)];
                    break;
                case 2:
                    bytes.Insert(at, Punctuation[random.Next(Punctuation.Length)]);
                    break;
                case 3:
                    bytes[at] = (byte)random.Next(0x80, 0x100);
                    break;
                default:
                    var length = Math.Min(random.Next(1, 40), bytes.Count - at);
                    bytes.InsertRange(at, bytes.GetRange(at, length));
                    break;
            }
        }

        return [.. bytes];
    }

    private sealed class ScratchFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("mlops-mutation-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
