# Writes the man pages (gzipped, section 1) from the programs' own --help, with help2man:
# axialscope(1), axialscope-cli(1) and one axialscope-cli-<command>(1) per command that
# `axialscope-cli --help` lists, so the pages follow the programs without a second copy.
# Run at build time:
#   cmake -DCLI=<axialscope-cli> [-DGUI=<axialscope>] -DHELP2MAN=<help2man> -DGZIP=<gzip>
#         -DVERSION=<x.y.z> -DDATA_DIR=<installed data folder> -DOUT_DIR=<dir> -P generate_man_pages.cmake
# The help text is captured here (not by help2man) so that a program that fails or prints
# nothing fails the build instead of producing an empty page.
cmake_minimum_required(VERSION 3.25)
foreach(var CLI HELP2MAN GZIP VERSION DATA_DIR OUT_DIR)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "generate_man_pages.cmake: -D${var}=... is required")
  endif()
endforeach()
set(here ${CMAKE_CURRENT_LIST_DIR})
set(work ${OUT_DIR}/work)
file(REMOVE_RECURSE ${OUT_DIR})
file(MAKE_DIRECTORY ${work})

# Text as a CMake list of its lines, and back: ';' separates list items and brackets group
# them, so those three are held as placeholders meanwhile.
function(split_lines out text)
  string(REPLACE ";" "<semicolon>" text "${text}")
  string(REPLACE "[" "<lbracket>" text "${text}")
  string(REPLACE "]" "<rbracket>" text "${text}")
  string(REPLACE "\n" ";" text "${text}")
  set(${out} "${text}" PARENT_SCOPE)
endfunction()
function(unescape_line out text)
  string(REPLACE "<semicolon>" ";" text "${text}")
  string(REPLACE "<lbracket>" "[" text "${text}")
  string(REPLACE "<rbracket>" "]" text "${text}")
  set(${out} "${text}" PARENT_SCOPE)
endfunction()

# Output of `<program> <args> --help`, with the program's path shown as its bare name and
# "usage:" spelt "Usage:" (the form help2man turns into a SYNOPSIS).
function(capture_help out program)
  execute_process(COMMAND ${program} ${ARGN} --help
                  OUTPUT_VARIABLE text ERROR_VARIABLE err RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0 OR text STREQUAL "")
    message(FATAL_ERROR "'${program} ${ARGN} --help' failed (exit ${rc}): ${err}")
  endif()
  get_filename_component(name ${program} NAME)
  string(REPLACE "${program}" "${name}" text "${text}")
  string(REGEX REPLACE "(^|\n)usage:" "\\1Usage:" text "${text}")
  help2man_friendly(text "${text}")
  set(${out} "${text}" PARENT_SCOPE)
endfunction()

# Three layouts of the programs' help that help2man misreads, rewritten to ones it reads:
# a usage wrapped onto indented lines (joined into one line, help2man's SYNOPSIS);
# "  * item" bullets with indented continuation lines (a tag followed by two spaces); and a
# line indented deeper than the description line above it (a table row inside an option's
# description continued under its last column; help2man would start a new paragraph), joined
# onto that row.
function(help2man_friendly out text)
  split_lines(lines "${text}")
  set(result "")
  set(in_usage FALSE)
  set(bullet_indent "")
  set(row_indent "")
  foreach(line IN LISTS lines)
    string(LENGTH "${line}" indent)
    if(line MATCHES "^( *)[^ ]")
      string(LENGTH "${CMAKE_MATCH_1}" indent)
    endif()
    set(joined_row FALSE)
    if(in_usage AND line MATCHES "^ +(.*)$")
      list(POP_BACK result previous)
      set(line "${previous} ${CMAKE_MATCH_1}")
    elseif(row_indent AND line MATCHES "^ +([^ ].*)$" AND indent GREATER row_indent)
      list(POP_BACK result previous)
      set(line "${previous} ${CMAKE_MATCH_1}")
      set(joined_row TRUE)
    elseif(line MATCHES "^( +)\\* (.*)$")
      set(bullet_indent "${CMAKE_MATCH_1}  ")
      set(line "${CMAKE_MATCH_1}*  ${CMAKE_MATCH_2}")
    elseif(bullet_indent AND line MATCHES "^${bullet_indent}([^ ].*)$")
      set(line "${bullet_indent} ${CMAKE_MATCH_1}")
    else()
      set(bullet_indent "")
    endif()
    if(line MATCHES "^Usage:")
      set(in_usage TRUE)
    else()
      set(in_usage FALSE)
    endif()
    # A description line: indented by three or more and not an option.
    if(NOT joined_row)
      if(line MATCHES "^   +[^ -]")
        set(row_indent ${indent})
      else()
        set(row_indent "")
      endif()
    endif()
    list(APPEND result "${line}")
  endforeach()
  list(JOIN result "\n" text)
  unescape_line(text "${text}")
  set(${out} "${text}" PARENT_SCOPE)
endfunction()

# One page: help2man reads the captured help through a two-line stand-in program named like
# the page (help2man takes the page's name from it).
function(write_page page description help_text include_text)
  file(WRITE ${work}/${page}.txt "${help_text}")
  file(WRITE ${work}/${page}.h2m "${include_text}")
  file(WRITE ${work}/${page} "#!/bin/sh\ncat '${work}/${page}.txt'\n")
  file(CHMOD ${work}/${page} PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE)
  execute_process(COMMAND ${HELP2MAN} --no-info --section=1 --version-string=${VERSION}
                          "--source=AxialScope ${VERSION}" "--manual=AxialScope Manual"
                          "--name=${description}" --include=${work}/${page}.h2m
                          --output=${OUT_DIR}/${page}.1 ${work}/${page}
                  RESULT_VARIABLE rc ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "help2man failed for ${page}: ${err}")
  endif()
  # A help line with columns (a word, two or more spaces, a word: a row of a table inside an
  # option's description) starts a new output line, as it does in --help; help2man would
  # run the rows together into one filled paragraph.
  file(READ ${OUT_DIR}/${page}.1 roff)
  string(REGEX REPLACE "\n([^.\n][^\n]*[^ \n]   *[^ \n])" "\n.br\n\\1" roff "${roff}")
  file(WRITE ${OUT_DIR}/${page}.1 "${roff}")
  execute_process(COMMAND ${GZIP} -9nf ${OUT_DIR}/${page}.1 RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "gzip failed for ${page}.1")
  endif()
endfunction()

file(READ ${here}/common.h2m common)
string(REPLACE "@DATA_DIR@" "${DATA_DIR}" common "${common}")

# The command list of `axialscope-cli --help`: "  name   description" lines (description
# continued on deeper-indented lines) after the "commands:" line, up to the blank line.
capture_help(cli_help ${CLI})
split_lines(lines "${cli_help}")
set(commands "")
set(in_list FALSE)
set(current "")
foreach(line IN LISTS lines)
  if(line MATCHES "^commands:")
    set(in_list TRUE)
  elseif(in_list AND line MATCHES "^  ([a-z][a-z0-9-]*)( +(.*))?$")
    set(current ${CMAKE_MATCH_1})
    list(APPEND commands ${current})
    string(STRIP "${CMAKE_MATCH_3}" desc_${current})
    unescape_line(desc_${current} "${desc_${current}}")
  elseif(in_list AND current AND line MATCHES "^   +(.*)$")
    unescape_line(more "${CMAKE_MATCH_1}")
    string(APPEND desc_${current} " ${more}")
  elseif(in_list AND line STREQUAL "")
    if(commands)
      break()
    endif()
  endif()
endforeach()
if(NOT commands)
  message(FATAL_ERROR "no command list found in 'axialscope-cli --help':\n${cli_help}")
endif()

set(see_also "")
if(GUI)
  list(APPEND see_also ".BR axialscope (1)")
endif()
foreach(command IN LISTS commands)
  list(APPEND see_also ".BR axialscope-cli-${command} (1)")
endforeach()
list(JOIN see_also ",\n" see_also)

write_page(axialscope-cli "run and analyse the MSA Transformer (ESM-MSA-1b) from the command line" "${cli_help}"
           "${common}\n[SEE ALSO]\n${see_also}\n")
foreach(command IN LISTS commands)
  capture_help(help ${CLI} ${command})
  write_page(axialscope-cli-${command} "${desc_${command}}" "${help}"
             "${common}\n[SEE ALSO]\n.BR axialscope-cli (1)\n")
endforeach()
if(GUI)
  capture_help(gui_help ${GUI})
  file(READ ${here}/axialscope.h2m gui_extra)
  write_page(axialscope "workbench for looking inside the MSA Transformer (ESM-MSA-1b)" "${gui_help}"
             "${gui_extra}\n${common}\n[SEE ALSO]\n.BR axialscope-cli (1)\n")
endif()
file(REMOVE_RECURSE ${work})
list(LENGTH commands n)
message(STATUS "man pages: axialscope-cli and its ${n} commands")
