/* front.h: the commands the front end runs itself rather than handing to
 * one tool. */
#ifndef AX_FRONT_H
#define AX_FRONT_H

/* ax index [DIR] [options]: argv[0] is "index". Returns the exit status. */
int front_index(int argc, char **argv);

#endif
