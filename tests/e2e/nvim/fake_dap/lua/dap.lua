-- Stand-in for nvim-dap in the headless test: just the tables the plugin fills in.
return { adapters = {}, configurations = {} }
