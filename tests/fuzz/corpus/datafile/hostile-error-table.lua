-- error() with a table: the message must still name the file.
error({ code = 1 })
