package io.tollgate.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.http.Harness.Reply;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /metrics} of a real server: the JVM and process families, the token gauge by kind, the
 * build info, and request histograms with a handful of buckets.
 */
class MetricsFamiliesTest {
  private Harness h;
  private String admin;
  private String metrics;

  @BeforeEach
  void startAndScrape() {
    h = Harness.start();
    admin = h.createOperator();
    for (String name : List.of("ci", "deploy")) {
      Reply named =
          h.post(
              "/api/v3/configure/token/named_admin",
              "{\"token_name\":\"" + name + "\"}",
              Harness.bearerJson(admin));
      assertThat(named.status()).as(named.toString()).isEqualTo(201);
    }
    Reply resource =
        h.post(
            "/api/v3/enterprise/configure/token",
            "{\"token_name\":\"reader\",\"permissions\":[{\"resource_type\":\"db\","
                + "\"resource_names\":[\"a\"],\"actions\":[\"read\"]}]}",
            Harness.bearerJson(admin));
    assertThat(resource.status()).as(resource.toString()).isEqualTo(201);
    Reply scraped = h.get("/metrics", Harness.bearer(admin));
    assertThat(scraped.status()).isEqualTo(200);
    metrics = scraped.body();
  }

  @AfterEach
  void stop() {
    h.close();
  }

  @Test
  void tokensGauge_countsEachKindFromMemory() {
    assertThat(value("tollgate_tokens{kind=\"operator\"}")).isEqualTo(1.0);
    assertThat(value("tollgate_tokens{kind=\"admin\"}")).isEqualTo(2.0);
    assertThat(value("tollgate_tokens{kind=\"resource\"}")).isEqualTo(1.0);
  }

  @Test
  void storeLagGauge_isAbsent_forAStoreOwnedByOneProcess() {
    assertThat(metrics).doesNotContain("tollgate_store_lag");
  }

  @Test
  void buildInfo_isOneWithTheVersionAndRevision() {
    assertThat(value("tollgate_build_info{revision=\"abc123\",version=\"3.0.0-test\"}"))
        .isEqualTo(1.0);
  }

  @Test
  void jvmAndProcessFamilies_arePresentWithSaneValues() {
    assertThat(sum("jvm_memory_used_bytes{area=\"heap\"")).isPositive();
    assertThat(value("jvm_gc_max_data_size_bytes")).isPositive();
    assertThat(value("jvm_gc_memory_allocated_bytes_total")).isNotNegative();
    assertThat(value("jvm_threads_live_threads")).isGreaterThanOrEqualTo(2.0);
    assertThat(value("system_cpu_count")).isGreaterThanOrEqualTo(1.0);
    assertThat(value("process_cpu_usage")).isBetween(0.0, 1.0);
    assertThat(value("process_uptime_seconds")).isPositive();
    assertThat(value("process_files_open_files")).isGreaterThan(2.0);
    assertThat(value("process_files_max_files"))
        .isGreaterThanOrEqualTo(value("process_files_open_files"));
  }

  @Test
  void requestHistogram_hasSixBucketsAndInfinity() {
    String series =
        "tollgate_http_requests_seconds_bucket{listener=\"main\",method=\"POST\","
            + "route=\"/api/v3/configure/token/named_admin\",status=\"201\",le=\"";
    List<String> buckets = lines(series);
    assertThat(buckets)
        .extracting(line -> line.substring(series.length(), line.indexOf('"', series.length())))
        .containsExactly("0.001", "0.005", "0.025", "0.1", "0.5", "2.5", "+Inf");
    assertThat(buckets.get(buckets.size() - 1)).endsWith(" 2");
    long everyBucket = metrics.lines().filter(l -> l.contains("_bucket{")).count();
    long everySeries = metrics.lines().filter(l -> l.contains("_count{")).count();
    assertThat(everyBucket).isLessThanOrEqualTo(everySeries * 7);
  }

  private List<String> lines(String prefix) {
    return metrics.lines().filter(line -> line.startsWith(prefix)).toList();
  }

  /** The sum of every sample whose line starts with {@code prefix}. */
  private double sum(String prefix) {
    List<String> found = lines(prefix);
    assertThat(found).as("a sample starting with " + prefix + " in\n" + metrics).isNotEmpty();
    return found.stream()
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .sum();
  }

  /** The value of the first sample whose line starts with {@code prefix}. */
  private double value(String prefix) {
    List<String> found = lines(prefix);
    assertThat(found).as("a sample starting with " + prefix + " in\n" + metrics).isNotEmpty();
    String[] parts = found.get(0).split(" ");
    return Double.parseDouble(Arrays.asList(parts).get(parts.length - 1));
  }
}
