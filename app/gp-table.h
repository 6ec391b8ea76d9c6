/* gp-table.h: `glasspane --table`, the headless yield and die-cost table. */
#pragma once

/* ARGV without "--table"; returns the exit status. */
int gp_table_main (int argc, char **argv);
