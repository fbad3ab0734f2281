-- Drives Neovim's built-in LSP client (0.7+: start_client / buf_attach_client, no plugins) against the
-- cdc-routing language server and writes what it got to a JSON file for test/lsp/neovim.test.ts (beside it).
-- Input: the JSON file named by $CDC_NVIM_PROBE = { cmd, root, file, out, completion, hover, definition }
-- (the last three are LSP positions). Always writes `out` and quits, also when something failed.
local probe = vim.fn.json_decode(table.concat(vim.fn.readfile(os.getenv('CDC_NVIM_PROBE')), '\n'))
local result = { errors = {} }

local function note(err)
  table.insert(result.errors, tostring(err))
end

local function run()
  vim.cmd('edit ' .. vim.fn.fnameescape(probe.file))
  local bufnr = vim.api.nvim_get_current_buf()
  local client_id = vim.lsp.start_client({
    name = 'cdc-routing',
    cmd = probe.cmd,
    root_dir = probe.root,
    get_language_id = function()
      return 'yaml'
    end,
    on_exit = function(code)
      result.exitCode = code
    end,
  })
  if not client_id then
    error('the language server did not start: ' .. vim.inspect(probe.cmd))
  end
  vim.lsp.buf_attach_client(bufnr, client_id)
  local client = vim.lsp.get_client_by_id(client_id)
  vim.wait(15000, function()
    return client.initialized == true
  end, 20)

  -- the server publishes diagnostics for the file once it is open
  vim.wait(15000, function()
    return #vim.diagnostic.get(bufnr) > 0
  end, 20)
  result.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(result.diagnostics, { message = d.message, line = d.lnum, character = d.col, severity = d.severity })
  end

  local function request(method, position)
    local params = { textDocument = { uri = vim.uri_from_bufnr(bufnr) }, position = position }
    local responses, err = vim.lsp.buf_request_sync(bufnr, method, params, 15000)
    if not responses then
      note(method .. ': ' .. tostring(err))
      return vim.NIL
    end
    for _, response in pairs(responses) do
      if response.err then
        note(method .. ': ' .. vim.inspect(response.err))
      end
      return response.result == nil and vim.NIL or response.result
    end
    return vim.NIL
  end

  local completion = request('textDocument/completion', probe.completion)
  local items = type(completion) == 'table' and (completion.items or completion) or {}
  result.completionLabels = {}
  for _, item in ipairs(items) do
    table.insert(result.completionLabels, item.label)
  end
  local hover = request('textDocument/hover', probe.hover)
  result.hover = type(hover) == 'table' and hover.contents or vim.NIL
  local definition = request('textDocument/definition', probe.definition)
  if type(definition) == 'table' and definition[1] then
    definition = definition[1]
  end
  result.definition = definition

  vim.lsp.stop_client(client_id)
  vim.wait(5000, function()
    return vim.lsp.get_client_by_id(client_id) == nil
  end, 20)
end

local ok, err = pcall(run)
if not ok then
  note(err)
end
vim.fn.writefile({ vim.fn.json_encode(result) }, probe.out)
vim.cmd('qall!')
