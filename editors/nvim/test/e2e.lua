-- Neovim drives `plancheck lsp` end to end: opens a broken plan through the
-- shipped configuration (ftdetect + lua/plancheck.lua) and checks what an
-- analyst would see: the diagnostics, a hover, a definition jump, a
-- completion and a formatting edit. Run by editors/nvim/test/run.sh.
--
-- Environment: PLANCHECK (the binary), PLAN (a scratch copy of broken.plan),
-- EXPECTED (what `plancheck fmt` makes of it).
local failures = {}
local function check(ok, what)
  if not ok then table.insert(failures, what) end
end

local function lines_of(path)
  local out = {}
  for line in io.lines(path) do table.insert(out, line) end
  return out
end

local function request(buf, method, params)
  local responses = vim.lsp.buf_request_sync(buf, method, params, 10000)
  for _, response in pairs(responses or {}) do
    if response.result ~= nil then return response.result end
    if response.err then return nil, response.err end
  end
  return nil
end

local function position(line, character)
  return { textDocument = vim.lsp.util.make_text_document_params(), position = { line = line, character = character } }
end

local function run()
  vim.cmd('filetype on')
  require('plancheck').setup({ cmd = { os.getenv('PLANCHECK'), 'lsp' }, init_options = { asOf = '2013-10-31' } })
  vim.cmd('edit ' .. vim.fn.fnameescape(os.getenv('PLAN')))
  local buf = vim.api.nvim_get_current_buf()
  check(vim.bo[buf].filetype == 'plancheck', 'filetype is ' .. vim.bo[buf].filetype)

  -- Diagnostics: the misspelt workstream and month, with codes and hints.
  local arrived = vim.wait(20000, function() return #vim.diagnostic.get(buf) >= 2 end, 50)
  check(arrived, 'no diagnostics arrived')
  local by_code = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do by_code[d.code or '?'] = d end
  local unknown = by_code['unknown-reference']
  check(unknown and unknown.lnum == 13 and unknown.col == 13, 'unknown-reference at 14:14')
  check(unknown and unknown.message:find('did you mean "EFD"', 1, true), 'did-you-mean hint')
  check(unknown and unknown.severity == vim.diagnostic.severity.ERROR, 'an error')
  check(by_code['unknown-month'] and by_code['unknown-month'].lnum == 14, 'unknown-month at line 15')

  -- Hover on the measure's id: its target, and the judgement at the as-of date.
  local hover = request(buf, 'textDocument/hover', position(9, 9))
  local text = hover and hover.contents and hover.contents.value or ''
  check(text:find('at least 90% by 30 Sep 2013', 1, true), 'hover target: ' .. text)
  check(text:find('as of 31 Oct 2013', 1, true), 'hover judgement: ' .. text)

  -- Definition: from `sn` in line 15 to the comparator's declaration, jumped to.
  local locations = request(buf, 'textDocument/definition', position(14, 22))
  check(locations and #locations == 1, 'one definition')
  if locations and locations[1] then
    if vim.lsp.util.show_document then  -- 0.8+; jump_to_location is deprecated there
      vim.lsp.util.show_document(locations[1], 'utf-16', { focus = true })
    else
      vim.lsp.util.jump_to_location(locations[1], 'utf-16')
    end
    local cursor = vim.api.nvim_win_get_cursor(0)
    check(cursor[1] == 4 and cursor[2] == 11, 'jumped to 4:11, at ' .. cursor[1] .. ':' .. cursor[2])
  end

  -- Completion after `workstream ` offers the declared workstream.
  local completion = request(buf, 'textDocument/completion', position(10, 13))
  local labels = {}
  for _, item in ipairs((completion and (completion.items or completion)) or {}) do labels[item.label] = true end
  check(labels['EFD'], 'completion offers EFD')

  -- Formatting: the buffer becomes exactly what `plancheck fmt` prints.
  if vim.lsp.buf.format then
    vim.lsp.buf.format({ bufnr = buf, timeout_ms = 10000 })
  else
    vim.lsp.buf.formatting_sync(nil, 10000)
  end
  local got = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
  local want = lines_of(os.getenv('EXPECTED'))
  check(table.concat(got, '\n') == table.concat(want, '\n'), 'formatted buffer differs from plancheck fmt:\n'
    .. table.concat(got, '\n'))
  check(got[12] == '  target >= 90% by September', 'the messy target line was re-laid out')
end

local ok, err = pcall(run)
if not ok then table.insert(failures, 'error: ' .. tostring(err)) end
if #failures > 0 then
  io.stderr:write('neovim e2e: ' .. #failures .. ' failed\n  ' .. table.concat(failures, '\n  ') .. '\n')
  vim.cmd('cquit')
else
  io.stderr:write('neovim e2e: diagnostics, hover, definition, completion and formatting all as expected\n')
  vim.cmd('qall!')
end
