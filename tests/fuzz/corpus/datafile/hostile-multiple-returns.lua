-- Two values: which one is the data?
return { format = 1 }, { format = 1 }
