-- Returns the global table itself: full of functions.
return _G
