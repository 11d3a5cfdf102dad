using Herald.Cli.Commands;

return await HeraldCommands.Build().Parse(args).InvokeAsync();
