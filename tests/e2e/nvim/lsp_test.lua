-- Headless Neovim as a real LSP client of dalec-lsp, with only editors/nvim on the runtimepath:
-- opens a real spec and checks that diagnostics, hover and completion arrive through Neovim's
-- own client. Exits 0 on success, 1 on failure (Lua errors do not change nvim's exit code).
local function check()
  if not pcall(vim.lsp.set_log_level, 'OFF') then vim.lsp.set_log_level('ERROR') end  -- 0.7 has no OFF
  local server = assert(os.getenv('DALEC_LSP_BINARY'), 'DALEC_LSP_BINARY is not set')
  local spec = assert(os.getenv('DALEC_SPEC'), 'DALEC_SPEC is not set')
  require('dalec').setup({ cmd = { server, 'serve' },
    settings = { diagnosticsDelayMs = 10, buildkit = { address = 'unix:///nonexistent/buildkitd.sock' } } })
  vim.cmd('edit ' .. vim.fn.fnameescape(spec))
  assert(vim.bo.filetype == 'yaml.dalec', 'filetype is "' .. vim.bo.filetype .. '"')

  -- Neovim's own client: vim.lsp.config/enable on 0.11+, which names the client after the config.
  local function clients()
    return vim.lsp.get_clients and vim.lsp.get_clients({ bufnr = 0, name = 'dalec-lsp' }) or vim.lsp.buf_get_clients(0)
  end
  local attached = vim.wait(10000, function() return #clients() > 0 end, 20)
  assert(attached, 'dalec-lsp did not attach')
  assert(vim.bo.omnifunc == 'v:lua.vim.lsp.omnifunc', 'omnifunc is not the LSP one')
  if vim.fn.has('nvim-0.11') == 1 then
    assert(vim.lsp.config['dalec-lsp'] and vim.lsp.is_enabled('dalec-lsp'), 'not through vim.lsp.config/vim.lsp.enable')
  end
  local arrived = vim.wait(10000, function() return #vim.diagnostic.get(0) > 0 end, 20)
  assert(arrived, 'no diagnostics arrived')
  local unused = false
  for _, d in ipairs(vim.diagnostic.get(0)) do
    if d.message:find('is declared but no field that Dalec expands uses it', 1, true) then unused = true end
  end
  assert(unused, 'expected the unused-arg hints of this spec')

  local lines = vim.api.nvim_buf_get_lines(0, 0, -1, false)
  local row, col
  for i, line in ipairs(lines) do
    local at = line:find('${VERSION}', 1, true)
    if line:match('^version:') and at then row, col = i - 1, at + 2 end
  end
  assert(row, 'no version: ${VERSION} line')
  local uri = vim.uri_from_bufnr(0)
  local hover = vim.lsp.buf_request_sync(0, 'textDocument/hover',
    { textDocument = { uri = uri }, position = { line = row, character = col } }, 5000)
  local text
  for _, response in pairs(hover or {}) do
    if response.result then text = response.result.contents.value end
  end
  assert(text and text:find('**arg `VERSION`**', 1, true), 'hover: ' .. tostring(text))

  -- A new empty top-level line (typed into the buffer, sent as didChange): the keys the spec does
  -- not have yet are offered, and none it has.
  local name_row
  for i, line in ipairs(lines) do if line:match('^name:') then name_row = i - 1 end end
  vim.api.nvim_buf_set_lines(0, name_row, name_row, false, { '' })
  local completion = vim.lsp.buf_request_sync(0, 'textDocument/completion',
    { textDocument = { uri = uri }, position = { line = name_row, character = 0 } }, 5000)
  local labels = {}
  for _, response in pairs(completion or {}) do
    for _, item in ipairs(response.result or {}) do labels[item.label] = true end
  end
  assert(labels['packager'], 'completion did not offer "packager"')
  assert(not labels['name'], 'completion offered "name", which is already present')
  -- Code lenses: Run test and Debug test on each test's name line. Debug test, picked from the
  -- lens menu as a user does (vim.ui.select), starts nvim-dap on that test.
  vim.lsp.codelens.refresh()
  local test_row
  for i, line in ipairs(vim.api.nvim_buf_get_lines(0, 0, -1, false)) do
    if line:find('- name: binary exists and is executable', 1, true) then test_row = i end
  end
  local function lens_titles()
    local titles = {}
    for _, lens in ipairs(vim.lsp.codelens.get(0)) do
      if lens.range.start.line == test_row - 1 and lens.command then table.insert(titles, lens.command.title) end
    end
    table.sort(titles)
    return titles
  end
  assert(vim.wait(10000, function() return #lens_titles() == 2 end, 20), 'lenses: ' .. vim.inspect(vim.lsp.codelens.get(0)))
  assert(vim.deep_equal(lens_titles(), { 'Debug test', 'Run test' }), 'lenses on the test: ' .. vim.inspect(lens_titles()))
  vim.ui.select = function(items, opts, on_choice)
    for i, item in ipairs(items) do
      if opts.format_item(item):find('Debug test', 1, true) then return on_choice(item, i) end
    end
    on_choice(nil, nil)
  end
  vim.api.nvim_win_set_cursor(0, { test_row, 0 })
  vim.lsp.codelens.run()
  local runs = require('dap').runs
  assert(vim.wait(5000, function() return #runs == 1 end, 20), 'the Debug test lens did not start nvim-dap')
  assert(runs[1].type == 'dalec' and runs[1].test == 'binary exists and is executable' and runs[1].spec == spec,
    'nvim-dap was given ' .. vim.inspect(runs[1]))
  -- :DalecRunTests goes to the server; with no daemon at the configured address it says so.
  local answered, run_error
  assert(require('dalec').run_tests('azlinux3', function(err) answered, run_error = true, err end), 'run_tests did not start')
  assert(vim.wait(10000, function() return answered end, 20), 'dalec.runTests was not answered')
  assert(run_error and run_error.message:find('no BuildKit socket at /nonexistent/buildkitd.sock', 1, true),
    'dalec.runTests: ' .. vim.inspect(run_error))
  -- :DalecResolved opens the spec as a target sees it beside it: ${VERSION} substituted, and <CR>
  -- on a line goes back to the spec's line it came from.
  local spec_win = vim.api.nvim_get_current_win()
  local shown, resolved_error
  assert(require('dalec').show_resolved('azlinux3', function(err) shown, resolved_error = true, err end), 'show_resolved did not start')
  assert(vim.wait(10000, function() return shown end, 20), 'dalec/resolvedSpec was not answered')
  assert(not resolved_error, 'dalec/resolvedSpec: ' .. vim.inspect(resolved_error))
  local view = vim.api.nvim_get_current_buf()
  local view_lines = vim.api.nvim_buf_get_lines(view, 0, -1, false)
  assert(view_lines[1]:find('# the spec as target `azlinux3` sees it', 1, true), 'resolved view: ' .. view_lines[1])
  local version_row
  for i, line in ipairs(view_lines) do
    if line:match('^version: ') then version_row = i end
  end
  assert(version_row and not view_lines[version_row]:find('${', 1, true), 'version not resolved: ' .. vim.inspect(view_lines))
  assert(not vim.bo[view].modifiable, 'the resolved view is modifiable')
  vim.api.nvim_win_set_cursor(0, { version_row, 0 })
  vim.api.nvim_feedkeys(vim.api.nvim_replace_termcodes('<CR>', true, false, true), 'x', false)
  assert(vim.api.nvim_get_current_win() == spec_win, '<CR> did not go back to the spec')
  local landed = vim.api.nvim_win_get_cursor(spec_win)[1]
  local landed_line = vim.api.nvim_buf_get_lines(0, landed - 1, landed, false)[1]
  assert(landed_line:match('^version:'), 'went to line ' .. landed .. ': ' .. landed_line)
  -- With nvim-dap present: the dalec adapter and configurations, one for the test under the cursor.
  local dap = require('dap')
  assert(dap.adapters.dalec and dap.adapters.dalec.command == 'dalec-dap', 'no dalec adapter for nvim-dap')
  local configurations = dap.configurations['yaml.dalec']
  assert(configurations and #configurations == 2, 'expected two dalec debug configurations')
  local test_row
  for i, line in ipairs(vim.api.nvim_buf_get_lines(0, 0, -1, false)) do
    if line:find('/usr/bin/hello-inline:', 1, true) and not test_row then test_row = i end
  end
  vim.api.nvim_win_set_cursor(0, { test_row, 0 })
  local focused = configurations[2].test()
  assert(focused == 'binary exists and is executable', 'test under the cursor: ' .. tostring(focused))
  io.stdout:write('nvim ' .. tostring(vim.version().major) .. '.' .. tostring(vim.version().minor) ..
    ': diagnostics, hover, completion and code lenses arrived through the LSP client; Debug test started nvim-dap; dalec.runTests answered\n')
end

local ok, err = pcall(check)
if not ok then
  io.stderr:write('FAIL: ' .. tostring(err) .. '\n')
  vim.cmd('cquit 1')
end
vim.cmd('qa!')
