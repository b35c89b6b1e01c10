ax-cat_LIBS := -ljansson
