-- Run by .ci/neovim: Neovim's built-in client (0.7.2, Debian's) against `matrixlint server`
-- on a copy of the sample corpus whose cell A2 has a known error (`tier: k`), then
-- yaml-language-server and matrixlint side by side on cell B4.
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

-- yaml-language-server beside matrixlint on one buffer: the schema comment the cell
-- starts with gives schema completion, hover and validation; matrixlint gives the domain.
local function beside_yamlls()
  local yamlls = os.getenv('YAMLLS')
  if not check(yamlls ~= nil and yamlls ~= '', 'YAMLLS names yaml-language-server') then return end
  vim.cmd('edit ' .. corpus .. '/cells/drug/B4.yaml')
  local buf = vim.api.nvim_get_current_buf()
  local id = vim.lsp.start_client({
    name = 'yamlls',
    cmd = { yamlls, '--stdio' },
    root_dir = corpus,
    settings = { yaml = { validate = true, hover = true, completion = true, schemaStore = { enable = false } } },
  })
  vim.lsp.buf_attach_client(buf, id)
  local function names()
    local out = {}
    for _, client in pairs(vim.lsp.buf_get_clients(buf)) do out[client.name] = client.id end
    return out
  end
  check(vim.wait(15000, function() local n = names(); return n.matrixlint ~= nil and n.yamlls ~= nil end, 20),
    'both servers are attached to the cell')

  -- Completion on a tier label's value: each server answers from what it knows.
  local line = vim.fn.search('^  - tier: K$', 'n') - 1
  local at = { textDocument = { uri = vim.uri_from_bufnr(buf) }, position = { line = line, character = 10 } }
  local labels = {}
  for client_id, answer in pairs(vim.lsp.buf_request_sync(buf, 'textDocument/completion', at, 15000) or {}) do
    local items = answer.result and (answer.result.items or answer.result) or {}
    local got = {}
    for _, item in ipairs(items) do got[item.label] = true end
    labels[vim.lsp.get_client_by_id(client_id).name] = got
  end
  local yl, ml = labels.yamlls or {}, labels.matrixlint or {}
  check(yl['S'] and yl['more'], 'yaml-language-server completes tier labels from the schema comment')
  check(ml['S'] and ml['more'], 'matrixlint completes tier labels with their meaning')

  -- Hover on `matrix:`: the schema's description from yaml-language-server.
  local mline = vim.fn.search('^matrix:', 'n') - 1
  local hovers = {}
  at = { textDocument = { uri = vim.uri_from_bufnr(buf) }, position = { line = mline, character = 2 } }
  for client_id, answer in pairs(vim.lsp.buf_request_sync(buf, 'textDocument/hover', at, 15000) or {}) do
    local contents = answer.result and answer.result.contents
    hovers[vim.lsp.get_client_by_id(client_id).name] = type(contents) == 'table' and (contents.value or '') or (contents or '')
  end
  check((hovers.yamlls or ''):find('Id of the matrix this cell belongs to', 1, true) ~= nil,
    'yaml-language-server hovers with the schema description')

  -- A tier label outside the set: each server reports it its own way, neither stops the other.
  local tline = vim.fn.search('^  - tier: S$', 'n') - 1
  vim.api.nvim_buf_set_lines(buf, tline, tline + 1, false, { '  - tier: Q' })
  local function from(source)
    return vim.tbl_filter(function(d) return d.lnum == tline and d.source == source end, vim.diagnostic.get(buf))
  end
  check(vim.wait(15000, function() return #from('matrixlint') > 0 end, 20), 'matrixlint reports the unknown label')
  local others = function()
    return vim.tbl_filter(function(d) return d.lnum == tline and d.source ~= 'matrixlint' end, vim.diagnostic.get(buf))
  end
  check(vim.wait(15000, function() return #others() > 0 end, 20),
    'yaml-language-server reports the value the schema does not allow: ' .. ((others()[1] or {}).message or ''))
end

local ok, err = pcall(run)
if ok then
  ok, err = pcall(beside_yamlls)
end
if not ok then
  check(false, 'the script ran: ' .. tostring(err))
end
for _, client in pairs(vim.lsp.get_active_clients()) do
  client.stop()
end
io.stdout:write(string.format('neovim: %d failed\n', failures))
vim.cmd(failures == 0 and 'qa!' or 'cquit 1')
