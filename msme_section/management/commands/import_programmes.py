from ._wrapper import import_command

Command = import_command("programmes", "national_programmes.csv")
