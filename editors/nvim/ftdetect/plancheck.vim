" plancheck plans: *.plan files.
autocmd BufRead,BufNewFile *.plan setfiletype plancheck
