-- A function hidden in an entry: the reader would never call it, but data holds no code.
return {
  format = 1,
  nodes = {
    { name = "N5" },
    { name = "N7", alpha = function() return 10 end },
  },
}
