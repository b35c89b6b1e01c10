# plot.gp: time and peak RSS against file count for one scale.sh run.
# gnuplot -e "data='RUN.dat'; out='RUN.svg'; title='...'" plot.gp
# data (plot.sh writes it from RUN.json): files cold_s ctags_s rg_s scan_mb parse_mb
# load_mb ctags_mb changed_s, one line per size.
set terminal svg size 1000,480 dynamic font "sans,11"
set output out
set multiplot layout 1,2 title title
set logscale x 10
set xlabel "files"
set grid
set key below
set ylabel "wall time (s)"
set logscale y 10
plot data using 1:2 with linespoints title "ax cold index", \
     data using 1:9 with linespoints title "ax re-index, 100 changed", \
     data using 1:3 with linespoints title "ctags -R", \
     data using 1:4 with linespoints title "rg -c"
unset logscale y
set yrange [0:*]
set ylabel "peak RSS (MB)"
plot data using 1:5 with linespoints title "ax-scan", \
     data using 1:6 with linespoints title "ax-parse -j2", \
     data using 1:7 with linespoints title "ax-load", \
     data using 1:8 with linespoints title "ctags -R"
unset multiplot
