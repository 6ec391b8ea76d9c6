-- A typo: a missing comma between two entries. The error must name this file and line 5.
return {
  format = 1,
  nodes = {
    { name = "N5" } { name = "N7" },
  },
}
