;;; plancheck.el --- plancheck plans with eglot  -*- lexical-binding: t; -*-

;; A small major mode for `.plan' files (comments, strings, keywords) and the
;; eglot wiring that starts `plancheck lsp' for it.  Load it from your init:
;;
;;   (load "/path/to/plancheck/editors/emacs/plancheck.el")
;;
;; then open a plan and run M-x eglot (or add `eglot-ensure' to the hook).

(require 'eglot)

(defvar plancheck-mode-syntax-table
  (let ((table (make-syntax-table)))
    (modify-syntax-entry ?# "<" table)
    (modify-syntax-entry ?\n ">" table)
    (modify-syntax-entry ?\" "\"" table)
    (modify-syntax-entry ?_ "w" table)
    (modify-syntax-entry ?- "w" table)
    (modify-syntax-entry ?. "w" table)
    table))

(defconst plancheck-font-lock-keywords
  `((,(rx bol (or "plan" "workstream" "comparator" "lead" "recommendation" "outcome" "priority"
                  "pillar" "area" "section" "theme" "objective" "measure" "action" "data" "include") word-end)
     . font-lock-keyword-face)
    (,(rx word-start (or "authority" "period" "workstream" "lead" "officer" "role" "evidence"
                         "polarity" "signoff" "key" "links" "note" "tolerance" "unit" "part"
                         "target" "baseline" "due" "done" "progress" "timescale" "frequency"
                         "minimum" "rag" "series" "column" "value" "where") word-end)
     . font-lock-builtin-face)
    (,(rx (or ">=" "<=" "<" ">" "=")) . font-lock-constant-face)))

;;;###autoload
(define-derived-mode plancheck-mode prog-mode "Plan"
  "Major mode for plancheck improvement plans."
  (setq-local comment-start "# ")
  (setq-local font-lock-defaults '(plancheck-font-lock-keywords)))

;;;###autoload
(add-to-list 'auto-mode-alist '("\\.plan\\'" . plancheck-mode))

(add-to-list 'eglot-server-programs '(plancheck-mode . ("plancheck" "lsp")))

(provide 'plancheck)
;;; plancheck.el ends here
