# The command-line help, loaded only when it is shown.
USAGE = """usage: python -m examples.notes [options]
  --host HOST        address to listen on (default 127.0.0.1; NOTES_HOST)
  --port PORT        TCP port (default 8081; NOTES_PORT)
  --storage NAME     btree, filedb or sqlite (NOTES_STORAGE; default btree where
                     the runtime has it, else filedb)
  --data DIR         data folder (default ./notes-data; NOTES_DATA)
  --login            require a login (NOTES_LOGIN=1; needs picoweb_auth)
  --templates MODE   source (compile .tpl on first use) or compiled (precompiled
                     modules only, e.g. .mpy on a board) (NOTES_TEMPLATES)
  --debug N          -1 silent, 0 errors (default), 1 access log (NOTES_DEBUG)
       python -m examples.notes --add-user NAME [--iterations N] [--data DIR]
                     store a login user; the password is read from stdin
                     (on a PC for a board: --iterations 25000)
"""
