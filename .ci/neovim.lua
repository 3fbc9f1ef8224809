-- Run by .ci/neovim: Neovim's built-in client (0.7.2, Debian's) against `matrixlint server`
-- on a copy of the sample corpus whose cell A2 has a known error (`tier: k`).
-- Every wait polls with a deadline (vim.wait); nothing sleeps blindly.

local bin, corpus = os.getenv('MATRIXLINT'), os.getenv('CORPUS')
local failures = 0

local function check(ok, what)
  io.stdout:write((ok and 'ok: ' or 'FAILED: ') .. what .. '\n')
  if not ok then
    failures = failures + 1
  end
  return ok
end

local function run()
  vim.opt.runtimepath:prepend(vim.fn.getcwd() .. '/editors/neovim')
  package.path = vim.fn.getcwd() .. '/editors/neovim/?.lua;' .. package.path
  require('matrixlint').setup({ cmd = { bin, 'server' } })
  vim.cmd('filetype on')
  vim.cmd('edit ' .. corpus .. '/cells/drug/A2.yaml')
  local buf = vim.api.nvim_get_current_buf()

  -- The known error arrives as a diagnostic.
  local line = vim.fn.search('tier: k', 'n') - 1
  check(vim.wait(15000, function() return #vim.diagnostic.get(buf) > 0 end, 20), 'diagnostics arrive')
  check(vim.tbl_count(vim.lsp.buf_get_clients(buf)) == 1, 'the setup attached one client to the cell')
  local d = vim.diagnostic.get(buf)[1]
  check(d and d.lnum == line and d.col == 10 and d.message:find('unknown tier label `k`', 1, true) ~= nil,
    'the unknown tier label is reported at its line and column')

  -- The quick fix, applied through the client.
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    range = { start = { line = line, character = 10 }, ['end'] = { line = line, character = 11 } },
    context = { diagnostics = {} },
  }
  local answers = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', params, 5000) or {}
  local fix
  for _, answer in pairs(answers) do
    for _, action in ipairs(answer.result or {}) do
      if action.title == 'write `K`' then fix = action end
    end
  end
  if check(fix ~= nil, 'the quick fix is offered') then
    vim.lsp.util.apply_workspace_edit(fix.edit, 'utf-16')
  end
  check(vim.api.nvim_buf_get_lines(buf, line, line + 1, false)[1] == '  - tier: K', 'the fix edits the buffer')
  check(vim.wait(15000, function() return #vim.diagnostic.get(buf) == 0 end, 20), 'the diagnostic clears after the fix')

  -- Hover and go to definition on a cross-reference.
  local ref = vim.fn.search('cell B2', 'n') - 1
  local col = vim.api.nvim_buf_get_lines(buf, ref, ref + 1, false)[1]:find('cell B2', 1, true) + 5 -- on "B2"
  local at = { textDocument = { uri = vim.uri_from_bufnr(buf) }, position = { line = ref, character = col } }
  local hover = ''
  for _, answer in pairs(vim.lsp.buf_request_sync(buf, 'textDocument/hover', at, 5000) or {}) do
    if answer.result then hover = answer.result.contents.value end
  end
  check(hover:find('Drug Treatment Matrix cell B2', 1, true) ~= nil, 'hover names the target cell: ' .. hover)
  local target
  for _, answer in pairs(vim.lsp.buf_request_sync(buf, 'textDocument/definition', at, 5000) or {}) do
    target = answer.result
  end
  if check(target ~= nil and target.uri:sub(-18) == 'cells/drug/B2.yaml', 'definition leads to B2.yaml') then
    vim.lsp.util.jump_to_location(target, 'utf-16')
    check(vim.api.nvim_buf_get_name(0):sub(-18) == 'cells/drug/B2.yaml', 'the jump opens B2.yaml')
    check(vim.api.nvim_win_get_cursor(0)[1] == target.range.start.line + 1, 'on its `cell:` line')
  end
end

local ok, err = pcall(run)
if not ok then
  check(false, 'the script ran: ' .. tostring(err))
end
for _, client in pairs(vim.lsp.get_active_clients()) do
  client.stop()
end
io.stdout:write(string.format('neovim: %d failed\n', failures))
vim.cmd(failures == 0 and 'qa!' or 'cquit 1')
