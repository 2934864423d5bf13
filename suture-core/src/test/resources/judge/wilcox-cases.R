# Produces wilcox-cases.csv next to it: cd suture-core/src/test/resources/judge && Rscript wilcox-cases.R > wilcox-cases.csv
# Every case is wilcox.test(x, y, exact=FALSE, correct=TRUE, conf.int=TRUE, conf.level=0.98),
# x = experiment (canary), y = control (baseline). Vectors are written into the CSV so Java needs no generator.
set.seed(20261201)
cases <- list(
  equal        = list(x = c(1, 2, 3, 4, 5, 6, 7, 8), y = c(1, 2, 3, 4, 5, 6, 7, 8)),
  shifted      = list(x = c(11.2, 12.5, 13.1, 14.8, 15.0, 16.3, 17.7, 18.2, 19.9, 20.4),
                      y = c(1.1, 2.4, 3.0, 4.7, 5.5, 6.2, 7.9, 8.1, 9.6, 10.3)),
  small_shift  = list(x = c(5.1, 6.3, 4.8, 7.2, 5.9, 6.6, 5.4, 6.1),
                      y = c(4.9, 5.2, 4.1, 6.0, 5.0, 5.8, 4.4, 5.5)),
  ties         = list(x = c(1, 2, 2, 3, 3, 3, 4, 5, 5, 6), y = c(1, 1, 2, 2, 2, 3, 3, 4, 4, 4)),
  heavy_ties   = list(x = c(0, 0, 0, 1, 1, 1, 1, 2, 2, 3), y = c(0, 0, 0, 0, 0, 1, 1, 1, 2, 0)),
  tiny         = list(x = c(3.2, 4.1, 5.0), y = c(1.0, 1.7, 2.9)),
  tiny_overlap = list(x = c(1.5, 2.5, 3.5), y = c(1.0, 2.0, 3.0)),
  unequal      = list(x = c(10.2, 11.7, 9.8, 12.4, 10.9), y = c(9.1, 8.7, 10.3, 9.9, 8.2, 9.4, 10.0, 8.9, 9.6, 9.2, 8.5, 10.1)),
  negative     = list(x = c(-3.5, -2.25, -1.0, -4.75, -2.0, -3.0, -1.5), y = c(-1.0, 0.5, -0.25, 1.25, -0.5, 0.0, 2.0, -1.75)),
  lower        = list(x = c(0.12, 0.15, 0.11, 0.14, 0.13, 0.10, 0.16, 0.12), y = c(0.20, 0.22, 0.19, 0.25, 0.21, 0.18, 0.23, 0.24)),
  large        = list(x = round(rnorm(200, mean = 100.5, sd = 5), 3), y = round(rnorm(200, mean = 100, sd = 5), 3)),
  large_ties   = list(x = round(rnorm(200, mean = 20, sd = 3)), y = round(rnorm(200, mean = 19, sd = 3))),
  all_tied     = list(x = c(2, 2, 2, 3), y = c(2, 2, 2, 2, 3))
)
cat("# name,experiment,control,lower,upper,estimate,statistic,p_value\n")
cat("# each row: r <- wilcox.test(x, y, exact=FALSE, correct=TRUE, conf.int=TRUE, conf.level=0.98); x/y are the space-separated vectors\n")
for (name in names(cases)) {
  x <- cases[[name]]$x; y <- cases[[name]]$y
  r <- suppressWarnings(wilcox.test(x, y, exact = FALSE, correct = TRUE, conf.int = TRUE, conf.level = 0.98))
  cat(sprintf("# %s: wilcox.test(x=c(%s), y=c(%s), exact=FALSE, correct=TRUE, conf.int=TRUE, conf.level=0.98)\n",
              name, paste(format(x, digits = 15, trim = TRUE), collapse = ","), paste(format(y, digits = 15, trim = TRUE), collapse = ",")))
  cat(sprintf("%s,%s,%s,%.17g,%.17g,%.17g,%.17g,%.17g\n", name,
              paste(format(x, digits = 15, trim = TRUE), collapse = " "), paste(format(y, digits = 15, trim = TRUE), collapse = " "),
              r$conf.int[1], r$conf.int[2], r$estimate, r$statistic, r$p.value))
}
