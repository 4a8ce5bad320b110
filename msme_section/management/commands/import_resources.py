from ._wrapper import import_command

Command = import_command("resources", "resources.csv")
