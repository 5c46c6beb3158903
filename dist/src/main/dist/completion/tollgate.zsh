# zsh completion for tollgate. Source this file from ~/.zshrc:
#   source /opt/tollgate/completion/tollgate.zsh
# It loads the bash completion beside it through zsh's bashcompinit.
(( $+functions[compdef] )) || { autoload -U +X compinit && compinit }
autoload -U +X bashcompinit && bashcompinit
source "${${(%):-%x}:A:h}/tollgate.bash"
