// `relocsim sample` and `relocsim analyze` end to end through their library calls: files written,
// read back, and bad input refused with its place.
#include <gtest/gtest.h>

#include <array>
#include <cmath>

#include "engine/core/csv.h"
#include "relocsim/errors.h"
#include "relocsim/sweep.h"
#include "tests/sweep/test_functions.h"

namespace relocsim::sweep {
namespace {

using testing::Ishigami;
using testing::ScratchDir;

constexpr std::string_view kIshigamiFactors = R"(# Ishigami on [-pi, pi]^3
factors:
  - {name: x1, min: -3.141592653589793, max: 3.141592653589793}
  - {name: x2, min: -3.141592653589793, max: 3.141592653589793}
  - {name: x3, min: -3.141592653589793, max: 3.141592653589793}
)";

// y.csv with the Ishigami function and a second output, 2 y + 1, over a design file.
std::string ishigami_outputs(const Matrix& design) {
  const Ishigami f;
  std::string text = "y,y_scaled\n";
  for (std::size_t r = 0; r < design.rows(); ++r) {
    const double y = f(design.row(r));
    text += std::to_string(y) + "," + std::to_string(2.0 * y + 1.0) + "\n";
  }
  return text;
}

std::string refusal(auto&& call) {
  try {
    call();
  } catch (const InputError& e) {
    return e.what();
  }
  return "(accepted)";
}

class SampleAnalyze : public ::testing::Test {
 protected:
  SampleAnalyze()
      : dir_(::testing::UnitTest::GetInstance()->current_test_info()->name()),
        factors_(dir_.write("factors.yaml", kIshigamiFactors)) {}

  // A Saltelli design of n base samples for the Ishigami factors, on disk.
  std::filesystem::path sample(std::size_t n) {
    run_sample({.factors_file = factors_,
                .out = dir_.file("design.csv"),
                .design = {.method = DesignMethod::kSaltelli, .n = n, .seed = 9}});
    return dir_.file("design.csv");
  }
  AnalyzeRequest sobol_request() const {
    return {.method = AnalysisMethod::kSobol,
            .factors_file = factors_,
            .design_file = dir_.file("design.csv"),
            .outputs_file = dir_.file("y.csv"),
            .out = dir_.file("indices.csv"),
            .options = {}};
  }

  ScratchDir dir_;
  std::filesystem::path factors_;
};

TEST_F(SampleAnalyze, SobolFromFilesToIndicesCsv) {
  const Matrix written =
      make_design(Ishigami::factors(), {.method = DesignMethod::kSaltelli, .n = 2048, .seed = 9});
  const auto design_path = sample(2048);
  const Matrix read = read_design(design_path, load_factors(factors_));
  EXPECT_EQ(read, written);  // full precision: the file reads back bit for bit
  const std::string text = ScratchDir::read(design_path);
  EXPECT_EQ(text.substr(0, text.find('\n')), "x1,x2,x3");

  dir_.write("y.csv", ishigami_outputs(read));
  const IndexTable table = run_analyze(sobol_request());
  const CsvTable indices = read_csv_file(dir_.file("indices.csv"));
  EXPECT_EQ(indices.header,
            (std::vector<std::string>{"output", "factor", "S1", "S1_conf", "ST", "ST_conf"}));
  ASSERT_EQ(indices.rows.size(), 6u);
  const std::array<std::string, 3> factor_names = {"x1", "x2", "x3"};
  const auto s1 = Ishigami{}.s1();
  const auto st = Ishigami{}.st();
  for (std::size_t i = 0; i < 6; ++i) {
    const auto& fields = indices.rows[i].fields;
    EXPECT_EQ(fields[0], i < 3 ? "y" : "y_scaled");
    EXPECT_EQ(fields[1], factor_names[i % 3]);
    EXPECT_NEAR(*parse_double(fields[2]), s1[i % 3], 0.05);
    EXPECT_NEAR(*parse_double(fields[4]), st[i % 3], 0.05);
    EXPECT_EQ(*parse_double(fields[2]), table.rows[i].values[0]);
  }
  // An affine change of the output changes no index (beyond the 6 digits of std::to_string).
  for (std::size_t j = 0; j < 3; ++j) {
    EXPECT_NEAR(table.rows[j].values[0], table.rows[j + 3].values[0], 1e-5);
  }
}

TEST_F(SampleAnalyze, MorrisFromFilesToIndicesCsv) {
  run_sample({.factors_file = factors_,
              .out = dir_.file("design.csv"),
              .design = {.method = DesignMethod::kMorris, .n = 500, .seed = 2}});
  const Matrix design = read_design(dir_.file("design.csv"), load_factors(factors_));
  EXPECT_EQ(design.rows(), 500u * 4u);
  dir_.write("y.csv", ishigami_outputs(design));
  AnalyzeRequest request = sobol_request();
  request.method = AnalysisMethod::kMorris;
  run_analyze(request);
  const CsvTable indices = read_csv_file(dir_.file("indices.csv"));
  EXPECT_EQ(indices.header, (std::vector<std::string>{"output", "factor", "mu", "mu_star", "sigma",
                                                      "mu_star_conf"}));
  ASSERT_EQ(indices.rows.size(), 6u);
  EXPECT_NEAR(*parse_double(indices.rows[1].fields[3]), 7.875, 0.05);  // x2: the same every step
  EXPECT_LT(*parse_double(indices.rows[2].fields[3]), *parse_double(indices.rows[0].fields[3]));
}

TEST_F(SampleAnalyze, DesignColumnsMayComeInAnyOrder) {
  dir_.write("design.csv", "x3,x1,x2\n0.5,1,2\n");
  const Matrix d = read_design(dir_.file("design.csv"), load_factors(factors_));
  EXPECT_EQ(d.values(), (std::vector<double>{1, 2, 0.5}));
}

TEST_F(SampleAnalyze, OutputRowsMustMatchDesignRows) {
  const auto design_path = sample(4);  // 20 rows
  std::string y = "y\n";
  for (int i = 0; i < 19; ++i) y += "1.5\n";
  const auto y_path = dir_.write("y.csv", y);
  EXPECT_EQ(refusal([&] { run_analyze(sobol_request()); }),
            y_path.string() + ": 19 rows of outputs, but the design " + design_path.string() +
                " has 20 rows: one output row is needed per design row, in order");
  EXPECT_FALSE(std::filesystem::exists(dir_.file("indices.csv")));
}

TEST_F(SampleAnalyze, OutputThatIsNotANumber) {
  sample(4);
  const auto y_path = dir_.write("y.csv", "y\n1\n2\nabc\n");
  EXPECT_EQ(refusal([&] { run_analyze(sobol_request()); }),
            y_path.string() + ":4: column 'y': 'abc' is not a number");
}

TEST_F(SampleAnalyze, DesignRowsMustBeWholeSaltelliBlocks) {
  const auto design_path = dir_.write("design.csv", "x1,x2,x3\n0,0,0\n1,1,1\n0,1,0\n");
  dir_.write("y.csv", "y\n1\n2\n3\n");
  EXPECT_EQ(refusal([&] { run_analyze(sobol_request()); }),
            design_path.string() +
                ": 3 design rows are not a whole number of Saltelli blocks of k+2 = 5 rows (A, "
                "AB_1 ... AB_3, B)");
}

TEST_F(SampleAnalyze, DesignMustHaveTheSaltelliStructure) {
  const auto design_path = sample(4);
  std::string text = ScratchDir::read(design_path);
  // Line 4 is AB_2 of the first block; make its first value differ from A's.
  std::size_t at = 0;
  for (int line = 1; line < 4; ++line) at = text.find('\n', at) + 1;
  text.replace(at, text.find(',', at) - at, "0.125");
  dir_.write("design.csv", text);
  dir_.write("y.csv", ishigami_outputs(Matrix(20, 3)));
  EXPECT_EQ(refusal([&] { run_analyze(sobol_request()); }),
            design_path.string() +
                ":4: not a Saltelli design: row AB_2 of its block should equal row A (the block's "
                "first) except factor 'x2', taken from row B (the block's last)");
}

TEST_F(SampleAnalyze, DesignValuesAndColumnsAreChecked) {
  const auto design_path = dir_.write("design.csv", "x1,x2,x4\n0,1,2\n");
  EXPECT_EQ(refusal([&] { read_design(design_path, load_factors(factors_)); }),
            design_path.string() + ":1: column 'x4' is not a factor (factors: x1, x2, x3)\n" +
                design_path.string() + ":1: missing column 'x3'");
  dir_.write("design.csv", "x1,x2,x3\n0,1,2\n0,9,two\n");
  EXPECT_EQ(refusal([&] { read_design(design_path, load_factors(factors_)); }),
            design_path.string() +
                ":3: column 'x2': 9 is outside the factor's range [-3.141592653589793, "
                "3.141592653589793]\n" +
                design_path.string() + ":3: column 'x3': 'two' is not a number");
}

TEST_F(SampleAnalyze, FilesWithoutAHeaderAreRefusedWithAHint) {
  const auto y_path = dir_.write("y.csv", "1.5\n2.5\n");
  EXPECT_EQ(refusal([&] { read_outputs(y_path); }),
            y_path.string() +
                ":1: the first line must name the columns, but it holds numbers: add a header "
                "line such as 'y'");
  const auto design_path = dir_.write("design.csv", "0.5,1,2\n");
  EXPECT_EQ(refusal([&] { read_design(design_path, load_factors(factors_)); }),
            design_path.string() +
                ":1: the first line must name the columns, but it holds numbers: add a header "
                "line such as 'x1,x2,x3'");
}

TEST_F(SampleAnalyze, OptionProblemsArePlacedOnTheirFlags) {
  EXPECT_EQ(refusal([&] { sample(1); }),
            "--n: saltelli needs n >= 2 base samples (ideally a power of 2)");
  EXPECT_FALSE(std::filesystem::exists(dir_.file("design.csv")));
  AnalyzeRequest request = sobol_request();
  request.options.resamples = 1;
  request.options.confidence = 1.5;
  EXPECT_EQ(refusal([&] { run_analyze(request); }),
            "--resamples: a bootstrap needs at least 2 resamples, found 1\n"
            "--confidence: the confidence level must lie strictly between 0 and 1, found 1.5");
}

}  // namespace
}  // namespace relocsim::sweep
