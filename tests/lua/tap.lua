-- tap.lua: a tiny TAP producer for the Lua API tests run by glasspane-script under
-- `meson test` (protocol: tap), so each case is counted in the test summary.
local M = {}
local count, failed = 0, 0

function M.test(name, fn)
  count = count + 1
  local ok, err = xpcall(fn, debug.traceback)
  if ok then
    print(("ok %d %s"):format(count, name))
  else
    failed = failed + 1
    print(("not ok %d %s"):format(count, name))
    for line in tostring(err):gmatch("[^\n]+") do print("# " .. line) end
  end
end

-- |a - b| <= tol (absolute), with a message naming what was compared.
function M.near(a, b, tol, what)
  if type(a) ~= "number" or not (math.abs(a - b) <= tol) then
    error(("%s: %s is not within %g of %.17g"):format(what or "value", tostring(a), tol, b), 2)
  end
end

function M.eq(a, b, what)
  if a ~= b then
    error(("%s: expected %s, got %s"):format(what or "value", tostring(b), tostring(a)), 2)
  end
end

-- fn() must raise an error whose message contains every plain-text fragment given.
function M.raises(fn, ...)
  local ok, err = pcall(fn)
  if ok then error("expected an error, none was raised", 2) end
  for _, frag in ipairs({ ... }) do
    if not tostring(err):find(frag, 1, true) then
      error(("error %q does not contain %q"):format(tostring(err), frag), 2)
    end
  end
  return err
end

function M.done()
  print("1.." .. count)
  os.exit(failed == 0 and 0 or 1, true) -- close the state, so valgrind sees no leaks
end

return M
