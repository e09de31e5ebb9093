-- plancheck for Neovim: starts `plancheck lsp` for every buffer of filetype
-- `plancheck` (see ftdetect/plancheck.vim), one server per folder.
--
--   require('plancheck').setup()                                  -- defaults
--   require('plancheck').setup({ cmd = { '/path/to/plancheck', 'lsp' },
--                                init_options = { asOf = '2014-03-31' } })
--
-- Neovim 0.8 and later use vim.lsp.start; 0.7 (Debian 12's) has only
-- vim.lsp.start_client and vim.lsp.buf_attach_client, so the client is kept
-- here per folder and attached to each buffer.
local M = { clients = {} }

local function config(bufnr, opts)
  local name = vim.api.nvim_buf_get_name(bufnr)
  return {
    name = 'plancheck',
    cmd = opts.cmd or { 'plancheck', 'lsp' },
    root_dir = vim.fn.fnamemodify(name, ':p:h'),
    init_options = opts.init_options,
  }
end

function M.start(bufnr, opts)
  opts = opts or {}
  bufnr = bufnr or vim.api.nvim_get_current_buf()
  local cfg = config(bufnr, opts)
  if vim.lsp.start then
    return vim.lsp.start(cfg, { bufnr = bufnr })
  end
  local id = M.clients[cfg.root_dir]
  if not id or not vim.lsp.get_client_by_id(id) then
    id = vim.lsp.start_client(cfg)
    M.clients[cfg.root_dir] = id
  end
  vim.lsp.buf_attach_client(bufnr, id)
  return id
end

function M.setup(opts)
  opts = opts or {}
  vim.api.nvim_create_autocmd('FileType', {
    pattern = 'plancheck',
    callback = function(args)
      vim.bo[args.buf].commentstring = '# %s'
      M.start(args.buf, opts)
    end,
  })
end

return M
