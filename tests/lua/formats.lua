-- formats.lua: checks of exported files for the Lua tests: a minimal XML well-formedness
-- checker (for SVG) and the PNG size from its IHDR chunk.
local M = {}

-- A minimal XML well-formedness check: one root element, every start tag closed in order,
-- attributes quoted, no stray '<' or '&' in text, comments / PIs / DOCTYPE skipped.
function M.check_xml(s)
  local stack, pos, roots = {}, 1, 0
  local n = #s
  while pos <= n do
    local lt = s:find("<", pos, true)
    local text = s:sub(pos, (lt or n + 1) - 1)
    for amp in text:gmatch("&[^;]*;?") do
      if not amp:match("^&[#%w]+;$") then error("bad entity " .. amp) end
    end
    if not lt then break end
    if #stack == 0 and text:match("%S") and roots > 0 then error("text after the root") end
    if s:sub(lt, lt + 3) == "<!--" then
      local e = s:find("-->", lt + 4, true) or error("unterminated comment")
      pos = e + 3
    elseif s:sub(lt, lt + 1) == "<?" then
      local e = s:find("?>", lt + 2, true) or error("unterminated processing instruction")
      pos = e + 2
    elseif s:sub(lt, lt + 1) == "<!" then
      local e = s:find(">", lt + 2, true) or error("unterminated declaration")
      pos = e + 1
    else
      local gt = s:find(">", lt + 1, true) or error("unterminated tag at " .. lt)
      local tag = s:sub(lt + 1, gt - 1)
      -- '>' inside an attribute value would end the tag early: re-scan with quotes
      local q = 0
      for _ in tag:gmatch('"') do q = q + 1 end
      while q % 2 == 1 do
        gt = s:find(">", gt + 1, true) or error("unterminated attribute")
        tag = s:sub(lt + 1, gt - 1)
        q = 0
        for _ in tag:gmatch('"') do q = q + 1 end
      end
      if tag:sub(1, 1) == "/" then
        local name = tag:match("^/([%w:_%-%.]+)%s*$") or error("bad end tag " .. tag)
        local open = table.remove(stack) or error("end tag without start: " .. name)
        if open ~= name then error(("</%s> closes <%s>"):format(name, open)) end
      else
        local name, rest = tag:match("^([%w:_%-%.]+)(.-)$")
        if not name then error("bad start tag <" .. tag .. ">") end
        local selfclose = rest:sub(-1) == "/"
        if selfclose then rest = rest:sub(1, -2) end
        -- attributes: name="value" or name='value', separated by white space
        local r = rest:gsub('%s+[%w:_%-%.]+%s*=%s*"[^"]*"', ""):gsub("%s+[%w:_%-%.]+%s*=%s*'[^']*'", "")
        if r:match("%S") then error(("bad attributes in <%s>: %q"):format(name, r)) end
        if #stack == 0 then roots = roots + 1 end
        if roots > 1 then error("more than one root element") end
        if not selfclose then stack[#stack + 1] = name end
      end
      pos = gt + 1
    end
  end
  if #stack > 0 then error("unclosed <" .. stack[#stack] .. ">") end
  if roots ~= 1 then error("no root element") end
  return true
end

-- PNG: signature, then the IHDR chunk's big-endian width and height.
function M.png_size(bytes)
  assert(bytes:sub(1, 8) == "\137PNG\r\n\26\n", "PNG signature")
  assert(bytes:sub(13, 16) == "IHDR", "IHDR first")
  return string.unpack(">I4I4", bytes, 17)
end

return M
