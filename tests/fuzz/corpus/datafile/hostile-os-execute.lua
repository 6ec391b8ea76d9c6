-- A data file that tries to run a command.
os.execute("touch /tmp/glasspane-sandbox-escaped")
return { format = 1 }
