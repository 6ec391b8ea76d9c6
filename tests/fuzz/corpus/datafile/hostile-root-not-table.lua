-- The root must be a table.
return 42
