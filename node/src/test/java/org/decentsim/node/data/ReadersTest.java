package org.decentsim.node.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadersTest {
  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p;
  }

  private Path gzip(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(p))) {
      o.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return p;
  }

  @Test
  void libsvm_oneBased_readsSparseRowsAndLabels() throws Exception {
    Path p = write("a.svm", "+1 1:0.5 3:2 # comment\n\n-1 2:-1\n");
    DataSet d = LibsvmReader.read(p, LibsvmReader.IndexBase.AUTO, 0).asClassification();
    assertThat(d.rows()).isEqualTo(2);
    assertThat(d.dim()).isEqualTo(3);
    assertThat(d.isSparse()).isTrue();
    assertThat(d.numClasses()).isEqualTo(2);
    assertThat(d.classOf(0)).isEqualTo(1);
    assertThat(d.classOf(1)).isEqualTo(0);
    assertThat(d.dot(0, new double[] {1, 10, 100}, 0)).isEqualTo(0.5 + 200);
    assertThat(d.dot(1, new double[] {1, 10, 100}, 0)).isEqualTo(-10);
  }

  @Test
  void libsvm_zeroIndexSeen_autoSwitchesToZeroBased() throws Exception {
    Path p = write("z.svm", "0 0:1 2:3\n1 1:1\n");
    DataSet d = LibsvmReader.read(p, LibsvmReader.IndexBase.AUTO, 0);
    assertThat(d.dim()).isEqualTo(3);
    assertThat(d.dot(0, new double[] {1, 10, 100}, 0)).isEqualTo(301);
  }

  @Test
  void libsvm_gzipAndMulticlass_mapsSortedLabelsToClasses() throws Exception {
    Path p = gzip("m.svm.gz", "3 1:1\n7 1:2\n5 1:3\n3 1:4\n");
    DataSet d = LibsvmReader.read(p, LibsvmReader.IndexBase.ONE, 0).asClassification();
    assertThat(d.numClasses()).isEqualTo(3);
    assertThat(new int[] {d.classOf(0), d.classOf(1), d.classOf(2), d.classOf(3)})
        .containsExactly(0, 2, 1, 0);
  }

  @Test
  void libsvm_malformedToken_namesFileAndLine() throws Exception {
    Path p = write("bad.svm", "+1 1:0.5\n+1 1:0.5\n-1 2=0.3\n");
    assertThatThrownBy(() -> LibsvmReader.read(p, LibsvmReader.IndexBase.AUTO, 0))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("bad.svm:3:")
        .hasMessageContaining("'2=0.3'");
  }

  @Test
  void libsvm_decreasingIndices_rejected() throws Exception {
    Path p = write("dec.svm", "+1 3:1 2:1\n");
    assertThatThrownBy(() -> LibsvmReader.read(p, LibsvmReader.IndexBase.AUTO, 0))
        .hasMessageContaining("dec.svm:1:")
        .hasMessageContaining("increase");
  }

  @Test
  void libsvm_shippedHeartScale_is270By13() throws Exception {
    DataSet d =
        LibsvmReader.read(Path.of("../data/heart_scale"), LibsvmReader.IndexBase.AUTO, 0)
            .asClassification();
    assertThat(d.rows()).isEqualTo(270);
    assertThat(d.dim()).isEqualTo(13);
    assertThat(d.numClasses()).isEqualTo(2);
  }

  @Test
  void csv_headerSkippedAndLastColumnIsLabel() throws Exception {
    Path p = write("a.csv", "n,f,names\n1,2,0\n3,4,1\n");
    DataSet d = CsvReader.read(p, -1, 0);
    assertThat(d.rows()).isEqualTo(2);
    assertThat(d.dim()).isEqualTo(2);
    assertThat(d.label(1)).isEqualTo(1);
    assertThat(d.dot(1, new double[] {1, 1}, 0)).isEqualTo(7);
  }

  @Test
  void csv_raggedRow_namesLine() throws Exception {
    Path p = write("r.csv", "1,2,0\n3,4,1\n5,1\n");
    assertThatThrownBy(() -> CsvReader.read(p, -1, 0))
        .hasMessageContaining("r.csv:3:")
        .hasMessageContaining("2 fields, expected 3");
  }

  @Test
  void csv_shippedDigits_is1797By64With10Classes() throws Exception {
    DataSet d = CsvReader.read(Path.of("../data/digits.csv.gz"), -1, 0).asClassification();
    assertThat(d.rows()).isEqualTo(1797);
    assertThat(d.dim()).isEqualTo(64);
    assertThat(d.numClasses()).isEqualTo(10);
  }

  @Test
  void idx_gzipImagesAndLabels_scaledPixels() throws Exception {
    Path images = dir.resolve("train-images-idx3-ubyte.gz");
    try (DataOutputStream o =
        new DataOutputStream(new GZIPOutputStream(Files.newOutputStream(images)))) {
      o.writeInt(0x803);
      o.writeInt(2);
      o.writeInt(2);
      o.writeInt(2);
      o.write(new byte[] {0, (byte) 255, 51, 0, 1, 2, 3, 4});
    }
    Path labels = IdxReader.labelsBeside(images);
    assertThat(labels.getFileName().toString()).isEqualTo("train-labels-idx1-ubyte.gz");
    try (DataOutputStream o =
        new DataOutputStream(new GZIPOutputStream(Files.newOutputStream(labels)))) {
      o.writeInt(0x801);
      o.writeInt(2);
      o.write(new byte[] {9, 3});
    }
    DataSet d = IdxReader.read(images, labels);
    assertThat(d.rows()).isEqualTo(2);
    assertThat(d.dim()).isEqualTo(4);
    assertThat(d.dot(0, new double[] {1, 1, 1, 1}, 0)).isEqualTo(1.0 + 0.2);
    assertThat(d.label(0)).isEqualTo(9);
  }

  @Test
  void idx_wrongMagic_reported() throws Exception {
    Path images = write("x-images-idx3-ubyte", "nonsense file");
    assertThatThrownBy(() -> IdxReader.read(images, images)).hasMessageContaining("IDX magic");
  }

  @Test
  void missingFile_reportedAsNotFound() {
    assertThatThrownBy(() -> CsvReader.read(dir.resolve("nope.csv"), -1, 0))
        .hasMessageContaining("nope.csv")
        .hasMessageContaining("file not found");
  }
}
