-- matrixlint's language server for Neovim's built-in client (Neovim 0.7 and later).
--
-- Put this file on your runtimepath as lua/matrixlint.lua (or dofile it) and call
--   require('matrixlint').setup()            -- or .setup({ cmd = { '/path/to/matrixlint', 'server' } })
-- Every YAML buffer under a folder holding matrixlint.yaml (upwards) is attached to one
-- server per corpus root. yaml-language-server, if you use it, keeps running beside it.

local M = {}

local clients = {} -- root folder -> client id

-- The nearest folder upwards from `path` holding matrixlint.yaml, or nil.
local function root_of(path)
  local dir = vim.fn.fnamemodify(path, ':p:h')
  while dir and dir ~= '' do
    if vim.loop.fs_stat(dir .. '/matrixlint.yaml') then
      return dir
    end
    local parent = vim.fn.fnamemodify(dir, ':h')
    if parent == dir then
      return nil
    end
    dir = parent
  end
  return nil
end

function M.attach(bufnr, opts)
  local root = root_of(vim.api.nvim_buf_get_name(bufnr))
  if not root then
    return nil
  end
  local id = clients[root]
  if not id or not vim.lsp.get_client_by_id(id) then
    id = vim.lsp.start_client({
      name = 'matrixlint',
      cmd = opts.cmd,
      root_dir = root,
      workspace_folders = { { uri = vim.uri_from_fname(root), name = root } },
      on_attach = opts.on_attach,
    })
    clients[root] = id
  end
  if id then
    vim.lsp.buf_attach_client(bufnr, id)
  end
  return id
end

function M.setup(opts)
  opts = opts or {}
  opts.cmd = opts.cmd or { 'matrixlint', 'server' }
  local group = vim.api.nvim_create_augroup('matrixlint', { clear = true })
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = 'yaml',
    callback = function(args)
      M.attach(args.buf, opts)
    end,
  })
end

return M
