using MlopsAlerting.Core.Config;
using MlopsAlerting.Core.Rendering;
using MlopsAlerting.Core.Settings;

var stack = args[0];
var root = args.Length > 2 ? args[2] : Directory.GetCurrentDirectory();
try
{
    var settings = SettingsBinder.Bind(StackFileReader.Read(root, stack));
    var rendered = AlertmanagerConfigRenderer.Render(settings, "/tmp/amtest/secrets");
    rendered.WriteTo(args[1]);
    Console.WriteLine(rendered.AlertmanagerYaml);
}
catch (SettingsException e)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}

return 0;
