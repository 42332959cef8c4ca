function __tcg_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __tcg_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __tcg_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __tcg_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __tcg_parse_tokens -S
    set -l unparsed_tokens (__tcg_tokens -pc)
    switch $unparsed_tokens[1]
    case 'tcg'
        __tcg_parse_subcommand 0 'workspace=' 'today=' 'user=' 'format=' 'max-marking=' 'dry-run' 'q/quiet' 'c=' 'interactive' 'X' 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'run'
            __tcg_parse_subcommand -r 2 'workspace=' 'today=' 'user=' 'format=' 'max-marking=' 'dry-run' 'q/quiet' 'version' 'h/help'
        case 'check'
            __tcg_parse_subcommand -r 1 'workspace=' 'today=' 'user=' 'format=' 'max-marking=' 'dry-run' 'q/quiet' 'version' 'h/help'
        case 'test'
            __tcg_parse_subcommand -r 1 'workspace=' 'today=' 'user=' 'format=' 'max-marking=' 'dry-run' 'q/quiet' 'version' 'h/help'
        case 'verify'
            __tcg_parse_subcommand 0 'workspace=' 'today=' 'user=' 'format=' 'max-marking=' 'dry-run' 'q/quiet' 'head=' 'accept' 'version' 'h/help'
        case 'demo'
            __tcg_parse_subcommand 1 'workspace=' 'today=' 'user=' 'format=' 'max-marking=' 'dry-run' 'q/quiet' 'version' 'h/help'
        case 'copy'
            __tcg_parse_subcommand 2 'version' 'h/help'
        case 'db'
            __tcg_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'init'
                __tcg_parse_subcommand 1 'version' 'h/help'
            end
        case 'help'
            __tcg_parse_subcommand -r 1 'version' 'h/help'
        case 'help'
            __tcg_parse_subcommand -r 1 'version'
        end
    end
end

function __tcg_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __tcg_parse_subcommand -S -a positional_count
    argparse -s r -- $argv
    set -l option_specs $argv[2..]
    set -l is_repeating_positional $_flag_r
    set -el _flag_r
    set -a commands $unparsed_tokens[1]
    set positional_index 0
    while true
        set -e unparsed_tokens[1]
        argparse -sn "$commands" $option_specs -- $unparsed_tokens 2> /dev/null
        set unparsed_tokens $argv
        set positional_index (math $positional_index + 1)
        for non_repeating_flag_or_option in $non_repeating_flags_or_options
            if set -ql "_flag_$(string replace -a - _ -- $non_repeating_flag_or_option)"
                set non_repeating_flags_or_options_absent 1
                break
            end
        end
        test (count $unparsed_tokens) -eq 0 -o \( -z "$is_repeating_positional" -a "$positional_index" -gt "$positional_count" \) && break
    end
end

function __tcg_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __tcg_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__tcg_tokens -p)
    if test -z "$(__tcg_tokens -t)"
        set -l index (count (__tcg_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'tcg' -f
complete -c 'tcg' -n '__tcg_should_offer_completions_for_flags_or_options "tcg" workspace' -l 'workspace' -d 'The workspace file (else $TCG_WORKSPACE, else ./tcg-workspace.json).' -rfa '(for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.\'json\';printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'tcg' -n '__tcg_should_offer_completions_for_flags_or_options "tcg" today' -l 'today' -d 'The register\'s clock (else $TCG_TODAY, else the saved clock, else the system date).' -rfka ''
complete -c 'tcg' -n '__tcg_should_offer_completions_for_flags_or_options "tcg" user' -l 'user' -d 'Who the audit trail records (else $TCG_USER, else the login name; against PostgreSQL it must be the database role).' -rfka ''
complete -c 'tcg' -n '__tcg_should_offer_completions_for_flags_or_options "tcg" format' -l 'format' -d 'Output format: table, json, csv or markdown.' -rfka 'table json csv markdown'
complete -c 'tcg' -n '__tcg_should_offer_completions_for_flags_or_options "tcg" max-marking' -l 'max-marking' -d 'Leave records marked above this (OFFICIAL, OFFICIAL-SENSITIVE) out of all output.' -rfka 'OFFICIAL OFFICIAL-SENSITIVE'
complete -c 'tcg' -n '__tcg_should_offer_completions_for_flags_or_options "tcg" dry-run' -l 'dry-run' -d 'Run and print, but save nothing.'
complete -c 'tcg' -n '__tcg_should_offer_completions_for_flags_or_options "tcg" q quiet' -s 'q' -l 'quiet' -d 'Print no confirmations (A-3 done, created ids, wrote FILE); answers and errors still print.'
complete -c 'tcg' -n '__tcg_should_offer_completions_for_flags_or_options "tcg" c' -s 'c' -d 'Run these statements and exit.' -rfka ''
complete -c 'tcg' -n '__tcg_should_offer_completions_for_flags_or_options "tcg" interactive' -l 'interactive' -d 'Read statements from stdin as at the prompt: each commits on its own (no terminal needed).'
complete -c 'tcg' -n '__tcg_should_offer_completions_for_flags_or_options "tcg" X' -s 'X' -d 'At the prompt, do not run the init file ($XDG_CONFIG_HOME/tcg/tcgrc, else ~/.tcgrc).'
complete -c 'tcg' -n '__tcg_should_offer_completions_for_flags_or_options "tcg" version' -l 'version' -d 'Show the version.'
complete -c 'tcg' -n '__tcg_should_offer_completions_for_flags_or_options "tcg" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tcg' -n '__tcg_should_offer_completions_for_positional "tcg" -eq 1' -fa 'run' -d 'Run a script file as one transaction (NAME=VALUE are $NAME inside it).'
complete -c 'tcg' -n '__tcg_should_offer_completions_for_positional "tcg" -eq 1' -fa 'check' -d 'Parse script files, run nothing, and report every syntax error.'
complete -c 'tcg' -n '__tcg_should_offer_completions_for_positional "tcg" -eq 1' -fa 'test' -d 'Run .tcg scripts (files, or every .tcg in a folder) on a copy of the workspace and compare their output with their `# expect:` lines.'
complete -c 'tcg' -n '__tcg_should_offer_completions_for_positional "tcg" -eq 1' -fa 'verify' -d 'Check the audit trail\'s hash chain and the records it seals; name every entry altered, removed or cut off by hand.'
complete -c 'tcg' -n '__tcg_should_offer_completions_for_positional "tcg" -eq 1' -fa 'demo' -d 'Write a demo register (a year of T&C business) to PATH, else --workspace, else demo.json.'
complete -c 'tcg' -n '__tcg_should_offer_completions_for_positional "tcg" -eq 1' -fa 'copy' -d 'Copy a register exactly, audit trail included, between workspace files and PostgreSQL URLs.'
complete -c 'tcg' -n '__tcg_should_offer_completions_for_positional "tcg" -eq 1' -fa 'db' -d 'Set up a PostgreSQL database to hold a register (docs/postgresql.md).'
complete -c 'tcg' -n '__tcg_should_offer_completions_for_positional "tcg" -eq 1' -fa 'help' -d 'Show the language\'s commands, or one verb\'s or topic\'s help (`tcg --help` is the command line\'s).'
complete -c 'tcg' -n '__tcg_should_offer_completions_for_positional "tcg" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'tcg' -n '__tcg_should_offer_completions_for_flags_or_options "tcg run" workspace' -l 'workspace' -d 'The workspace file (else $TCG_WORKSPACE, else ./tcg-workspace.json).' -rfa '(for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.\'json\';printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'tcg' -n '__tcg_should_offer_completions_for_flags_or_options "tcg run" today' -l 'today' -d 'The register\'s clock (else $TCG_TODAY, else the saved clock, else the system date).' -rfka ''
complete -c 'tcg' -n '__tcg_should_offer_completions_for_flags_or_options "tcg run" user' -l 'user' -d 'Who the audit trail records (else $TCG_USER, else the login name; against PostgreSQL it must be the database role).' -rfka ''
complete -c 'tcg' -n '__tcg_should_offer_completions_for_flags_or_options "tcg run" format' -l 'format' -d 'Output format: table, json, csv or markdown.' -rfka 'table json csv markdown'
complete -c 'tcg' -n '__tcg_should_offer_completions_for_flags_or_options "tcg run" max-marking' -l 'max-marking' -d 'Leave records marked above this (OFFICIAL, OFFICIAL-SENSITIVE) out of all output.' -rfka 'OFFICIAL OFFICIAL-SENSITIVE'
complete -c 'tcg' -n '__tcg_should_offer_completions_for_flags_or_options "tcg run" dry-run' -l 'dry-run' -d 'Run and print, but save nothing.'
complete -c 'tcg' -n '__tcg_should_offer_completions_for_flags_or_options "tcg run" q quiet' -s 'q' -l 'quiet' -d 'Print no confirmations (A-3 done, created ids, wrote FILE); answers and errors still print.'
complete -c 'tcg' -n '__tcg_should_offer_completions_for_positional "tcg run" -eq 1' -fa '(for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.\'tcg\';printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'tcg' -n '__tcg_should_offer_completions_for_flags_or_options "tcg run" version' -l 'version' -d 'Show the version.'
complete -c 'tcg' -n '__tcg_should_offer_completions_for_flags_or_options "tcg run" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tcg' -n '__tcg_should_offer_completions_for_flags_or_options "tcg check" workspace' -l 'workspace' -d 'The workspace file (else $TCG_WORKSPACE, else ./tcg-workspace.json).' -rfa '(for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.\'json\';printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'tcg' -n '__tcg_should_offer_completions_for_flags_or_options "tcg check" today' -l 'today' -d 'The register\'s clock (else $TCG_TODAY, else the saved clock, else the system date).' -rfka ''
complete -c 'tcg' -n '__tcg_should_offer_completions_for_flags_or_options "tcg check" user' -l 'user' -d 'Who the audit trail records (else $TCG_USER, else the login name; against PostgreSQL it must be the database role).' -rfka ''
complete -c 'tcg' -n '__tcg_should_offer_completions_for_flags_or_options "tcg check" format' -l 'format' -d 'Output format: table, json, csv or markdown.' -rfka 'table json csv markdown'
complete -c 'tcg' -n '__tcg_should_offer_completions_for_flags_or_options "tcg check" max-marking' -l 'max-marking' -d 'Leave records marked above this (OFFICIAL, OFFICIAL-SENSITIVE) out of all output.' -rfka 'OFFICIAL OFFICIAL-SENSITIVE'
complete -c 'tcg' -n '__tcg_should_offer_completions_for_flags_or_options "tcg check" dry-run' -l 'dry-run' -d 'Run and print, but save nothing.'
complete -c 'tcg' -n '__tcg_should_offer_completions_for_flags_or_options "tcg check" q quiet' -s 'q' -l 'quiet' -d 'Print no confirmations (A-3 done, created ids, wrote FILE); answers and errors still print.'
complete -c 'tcg' -n '__tcg_should_offer_completions_for_positional "tcg check" -ge 1' -fa '(for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.\'tcg\';printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'tcg' -n '__tcg_should_offer_completions_for_flags_or_options "tcg check" version' -l 'version' -d 'Show the version.'
complete -c 'tcg' -n '__tcg_should_offer_completions_for_flags_or_options "tcg check" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tcg' -n '__tcg_should_offer_completions_for_flags_or_options "tcg test" workspace' -l 'workspace' -d 'The workspace file (else $TCG_WORKSPACE, else ./tcg-workspace.json).' -rfa '(for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.\'json\';printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'tcg' -n '__tcg_should_offer_completions_for_flags_or_options "tcg test" today' -l 'today' -d 'The register\'s clock (else $TCG_TODAY, else the saved clock, else the system date).' -rfka ''
complete -c 'tcg' -n '__tcg_should_offer_completions_for_flags_or_options "tcg test" user' -l 'user' -d 'Who the audit trail records (else $TCG_USER, else the login name; against PostgreSQL it must be the database role).' -rfka ''
complete -c 'tcg' -n '__tcg_should_offer_completions_for_flags_or_options "tcg test" format' -l 'format' -d 'Output format: table, json, csv or markdown.' -rfka 'table json csv markdown'
complete -c 'tcg' -n '__tcg_should_offer_completions_for_flags_or_options "tcg test" max-marking' -l 'max-marking' -d 'Leave records marked above this (OFFICIAL, OFFICIAL-SENSITIVE) out of all output.' -rfka 'OFFICIAL OFFICIAL-SENSITIVE'
complete -c 'tcg' -n '__tcg_should_offer_completions_for_flags_or_options "tcg test" dry-run' -l 'dry-run' -d 'Run and print, but save nothing.'
complete -c 'tcg' -n '__tcg_should_offer_completions_for_flags_or_options "tcg test" q quiet' -s 'q' -l 'quiet' -d 'Print no confirmations (A-3 done, created ids, wrote FILE); answers and errors still print.'
complete -c 'tcg' -n '__tcg_should_offer_completions_for_positional "tcg test" -ge 1' -fa '(for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.\'tcg\';printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'tcg' -n '__tcg_should_offer_completions_for_flags_or_options "tcg test" version' -l 'version' -d 'Show the version.'
complete -c 'tcg' -n '__tcg_should_offer_completions_for_flags_or_options "tcg test" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tcg' -n '__tcg_should_offer_completions_for_flags_or_options "tcg verify" workspace' -l 'workspace' -d 'The workspace file (else $TCG_WORKSPACE, else ./tcg-workspace.json).' -rfa '(for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.\'json\';printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'tcg' -n '__tcg_should_offer_completions_for_flags_or_options "tcg verify" today' -l 'today' -d 'The register\'s clock (else $TCG_TODAY, else the saved clock, else the system date).' -rfka ''
complete -c 'tcg' -n '__tcg_should_offer_completions_for_flags_or_options "tcg verify" user' -l 'user' -d 'Who the audit trail records (else $TCG_USER, else the login name; against PostgreSQL it must be the database role).' -rfka ''
complete -c 'tcg' -n '__tcg_should_offer_completions_for_flags_or_options "tcg verify" format' -l 'format' -d 'Output format: table, json, csv or markdown.' -rfka 'table json csv markdown'
complete -c 'tcg' -n '__tcg_should_offer_completions_for_flags_or_options "tcg verify" max-marking' -l 'max-marking' -d 'Leave records marked above this (OFFICIAL, OFFICIAL-SENSITIVE) out of all output.' -rfka 'OFFICIAL OFFICIAL-SENSITIVE'
complete -c 'tcg' -n '__tcg_should_offer_completions_for_flags_or_options "tcg verify" dry-run' -l 'dry-run' -d 'Run and print, but save nothing.'
complete -c 'tcg' -n '__tcg_should_offer_completions_for_flags_or_options "tcg verify" q quiet' -s 'q' -l 'quiet' -d 'Print no confirmations (A-3 done, created ids, wrote FILE); answers and errors still print.'
complete -c 'tcg' -n '__tcg_should_offer_completions_for_flags_or_options "tcg verify" head' -l 'head' -d 'Prove that nothing up to the entry with this hash (a register head printed in minutes or an agenda) has changed.' -rfka ''
complete -c 'tcg' -n '__tcg_should_offer_completions_for_flags_or_options "tcg verify" accept' -l 'accept' -d 'Record in the audit trail that you accept the breaks found, so that changes are saved again.'
complete -c 'tcg' -n '__tcg_should_offer_completions_for_flags_or_options "tcg verify" version' -l 'version' -d 'Show the version.'
complete -c 'tcg' -n '__tcg_should_offer_completions_for_flags_or_options "tcg verify" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tcg' -n '__tcg_should_offer_completions_for_flags_or_options "tcg demo" workspace' -l 'workspace' -d 'The workspace file (else $TCG_WORKSPACE, else ./tcg-workspace.json).' -rfa '(for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.\'json\';printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'tcg' -n '__tcg_should_offer_completions_for_flags_or_options "tcg demo" today' -l 'today' -d 'The register\'s clock (else $TCG_TODAY, else the saved clock, else the system date).' -rfka ''
complete -c 'tcg' -n '__tcg_should_offer_completions_for_flags_or_options "tcg demo" user' -l 'user' -d 'Who the audit trail records (else $TCG_USER, else the login name; against PostgreSQL it must be the database role).' -rfka ''
complete -c 'tcg' -n '__tcg_should_offer_completions_for_flags_or_options "tcg demo" format' -l 'format' -d 'Output format: table, json, csv or markdown.' -rfka 'table json csv markdown'
complete -c 'tcg' -n '__tcg_should_offer_completions_for_flags_or_options "tcg demo" max-marking' -l 'max-marking' -d 'Leave records marked above this (OFFICIAL, OFFICIAL-SENSITIVE) out of all output.' -rfka 'OFFICIAL OFFICIAL-SENSITIVE'
complete -c 'tcg' -n '__tcg_should_offer_completions_for_flags_or_options "tcg demo" dry-run' -l 'dry-run' -d 'Run and print, but save nothing.'
complete -c 'tcg' -n '__tcg_should_offer_completions_for_flags_or_options "tcg demo" q quiet' -s 'q' -l 'quiet' -d 'Print no confirmations (A-3 done, created ids, wrote FILE); answers and errors still print.'
complete -c 'tcg' -n '__tcg_should_offer_completions_for_positional "tcg demo" -eq 1' -fa '(for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.\'json\';printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'tcg' -n '__tcg_should_offer_completions_for_flags_or_options "tcg demo" version' -l 'version' -d 'Show the version.'
complete -c 'tcg' -n '__tcg_should_offer_completions_for_flags_or_options "tcg demo" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tcg' -n '__tcg_should_offer_completions_for_positional "tcg copy" -eq 1' -fa '(for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.\'json\';printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'tcg' -n '__tcg_should_offer_completions_for_positional "tcg copy" -eq 2' -fa '(for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.\'json\';printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'tcg' -n '__tcg_should_offer_completions_for_flags_or_options "tcg copy" version' -l 'version' -d 'Show the version.'
complete -c 'tcg' -n '__tcg_should_offer_completions_for_flags_or_options "tcg copy" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tcg' -n '__tcg_should_offer_completions_for_flags_or_options "tcg db" version' -l 'version' -d 'Show the version.'
complete -c 'tcg' -n '__tcg_should_offer_completions_for_flags_or_options "tcg db" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tcg' -n '__tcg_should_offer_completions_for_positional "tcg db" -eq 1' -fa 'init' -d 'Create or migrate the tcg schema and the roles tcg_reader, tcg_tasker and tcg_manager at URL.'
complete -c 'tcg' -n '__tcg_should_offer_completions_for_flags_or_options "tcg db init" version' -l 'version' -d 'Show the version.'
complete -c 'tcg' -n '__tcg_should_offer_completions_for_flags_or_options "tcg db init" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tcg' -n '__tcg_should_offer_completions_for_positional "tcg help" -ge 1' -fka 'add update set create schedule open attend close reject retire review adopt score rank show commission assign handover escalate accept decline present decide deliver complete reopen amend modify cancel record mark list count outstanding agenda minutes strategy performance calendar history report advance undo help quit edit watch let echo for if assert run setup meetings delivery queries scripting session kinds dates'
complete -c 'tcg' -n '__tcg_should_offer_completions_for_flags_or_options "tcg help" version' -l 'version' -d 'Show the version.'
complete -c 'tcg' -n '__tcg_should_offer_completions_for_flags_or_options "tcg help" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tcg' -n '__tcg_should_offer_completions_for_flags_or_options "tcg help" version' -l 'version' -d 'Show the version.'
