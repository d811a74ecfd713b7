//! What Platform and Mobile talk about: coherent clusters of subjects, symptoms, causes and
//! fixes, so a randomly filled thread still reads like one problem.

use crate::vocab::Topic;

#[rustfmt::skip]
pub(crate) const PLATFORM: &[Topic] = &[
    Topic { tag: "postgres", pools: &[
        ("subject", &["the `messages` table", "the room history query", "the nightly export job", "the read replica", "the `sessions` cleanup job"]),
        ("symptom", &["queries taking 4s instead of 40ms", "a plan flipping to a nested loop after the import", "`statement timeout` errors and the pool maxing out at 100", "a sequential scan on a table that has an index"]),
        ("cause", &["a missing index on `messages(room_id, seq)`", "stale planner statistics after the bulk import", "a long-running transaction holding locks", "a sequential scan because of a type mismatch in the join"]),
        ("fix", &["Add the index `CONCURRENTLY` so nothing locks", "Run `ANALYZE` on the table and pin the plan with a partial index", "Set `idle_in_transaction_session_timeout` for that role", "Cast the parameter to `bigint` so the index is used"]),
        ("command", &["`EXPLAIN (ANALYZE, BUFFERS)`", "`SELECT * FROM pg_stat_activity WHERE wait_event IS NOT NULL`", "`pg_stat_statements` sorted by total time", "`SELECT relname, n_dead_tup FROM pg_stat_user_tables`"]),
        ("link", &["https://www.postgresql.org/docs/current/using-explain.html", "https://docs.demo.hallway.dev/runbooks/postgres-slow-queries"]),
        ("update", &["the read replica moves to the bigger instance on Thursday", "`pg_stat_statements` is now on in staging", "we upgraded staging to Postgres 16", "the room history query got its covering index"]),
    ]},
    Topic { tag: "kubernetes", pools: &[
        ("subject", &["the staging cluster", "the `hallway-web` deployment", "the ingress controller", "the worker pods", "the canary rollout"]),
        ("symptom", &["`OOMKilled` restarts every hour", "readiness probes failing right after deploys", "a node drain hanging for an hour during the upgrade", "new pods stuck in `ContainerCreating`"]),
        ("cause", &["a memory limit set below the JVM sidecar's heap", "the readiness probe hitting `/readyz` before migrations finish", "a PodDisruptionBudget that blocks the drain", "the node pool running out of IPs"]),
        ("fix", &["Raise the limit to 512Mi and set requests equal to limits", "Add a startup probe so readiness waits for migrations", "Relax the PodDisruptionBudget to `maxUnavailable: 1`", "Add a secondary IP range to the node pool"]),
        ("command", &["`kubectl describe pod`", "`kubectl get events --sort-by=.lastTimestamp`", "`kubectl rollout status deploy/hallway-web`", "`kubectl top pods`"]),
        ("link", &["https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/", "https://docs.demo.hallway.dev/runbooks/k8s-rollouts"]),
        ("update", &["staging nodes get drained tonight for the upgrade", "the canary now takes 10% of traffic for an hour", "cluster autoscaling is back on", "the ingress controller is on the new chart"]),
    ]},
    Topic { tag: "observability", pools: &[
        ("subject", &["the p99 latency dashboard", "the error-rate alert", "our OpenTelemetry traces", "the log pipeline", "the synthetic probe"]),
        ("symptom", &["alerts firing at 3am and resolving themselves", "gaps in the traces between the web node and the store", "logs arriving twenty minutes late", "a latency graph that looks flat when we know it isn't"]),
        ("cause", &["the alert window being one minute instead of ten", "trace context not propagated through the bus", "the log shipper's buffer filling up during bursts", "averages hiding the tail because the panel uses `avg` not a histogram"]),
        ("fix", &["Alert on a 10-minute burn rate instead of a raw threshold", "Propagate `traceparent` in the bus headers", "Give the log shipper a disk buffer", "Switch the panel to `histogram_quantile(0.99, ...)`"]),
        ("command", &["`curl -s localhost:9090/metrics | grep http_request`", "the trace search for `service.name=hallway`", "`journalctl -u vector --since '1 hour ago'`", "the Grafana explore view"]),
        ("link", &["https://grafana.demo.hallway.dev/d/latency", "https://docs.demo.hallway.dev/runbooks/alerts"]),
        ("update", &["the error-rate alert now uses burn rates", "traces now cross the bus", "the latency dashboard shows p50, p95 and p99", "the noisy disk alert is gone"]),
    ]},
    Topic { tag: "ci pipelines", pools: &[
        ("subject", &["the main CI pipeline", "the release build", "the integration tests", "the cargo cache", "the nightly benchmark job"]),
        ("symptom", &["the cache missing on every PR", "a test that fails one run in ten", "the runner running out of disk", "tests failing only when two jobs run at once"]),
        ("cause", &["the cache key including the lock file's timestamp", "a test that sleeps instead of waiting for readiness", "debug info bloating `target/`", "two jobs sharing one database"]),
        ("fix", &["Key the cache on the hash of `Cargo.lock`", "Wait for `/readyz` instead of sleeping", "Set `debug = \"line-tables-only\"` in the dev profile", "Give each test its own temporary database"]),
        ("command", &["`cargo build --timings`", "`cargo nextest run --retries 0`", "`du -sh target/*`", "the CI timing report"]),
        ("link", &["https://docs.demo.hallway.dev/ci", "https://github.com/hallway-demo/hallway/actions"]),
        ("update", &["CI now runs the SQLite and Postgres suites in parallel", "the cargo cache hit rate is back above 90%", "flaky-test retries are switched off for good", "release builds are 40% faster"]),
    ]},
    Topic { tag: "rust", pools: &[
        ("subject", &["the sync engine", "the WebSocket session loop", "the room hub", "the store crate", "the import pipeline"]),
        ("symptom", &["a deadlock under load", "memory growing slowly over a day", "a `Send` error I can't make sense of", "compile times jumping after a refactor"]),
        ("cause", &["holding a `MutexGuard` across an `.await`", "an unbounded channel nobody drains", "an `Rc` sneaking into a future", "a generic function instantiated for every handler"]),
        ("fix", &["Drop the guard before awaiting, or use `tokio::sync::Mutex`", "Use a bounded channel and disconnect slow clients", "Swap the `Rc` for an `Arc`", "Box the future behind a trait object at the boundary"]),
        ("command", &["`tokio-console`", "`cargo llvm-lines`", "`RUSTFLAGS=-Zprint-type-sizes`", "`cargo clippy -- -W clippy::await_holding_lock`"]),
        ("link", &["https://tokio.rs/tokio/tutorial/shared-state", "https://docs.demo.hallway.dev/engineering/async-guidelines"]),
        ("update", &["we're on the new Rust release", "the sync engine has no more `unwrap`s", "the room hub has a bounded queue per client", "clippy runs with `-D warnings` in CI"]),
    ]},
];

#[rustfmt::skip]
pub(crate) const MOBILE: &[Topic] = &[
    Topic { tag: "ios", pools: &[
        ("subject", &["the iOS app", "background refresh on iOS", "the share extension", "the iOS widget", "TestFlight builds"]),
        ("symptom", &["the app being killed in the background after 30 seconds", "a crash on launch only on iOS 16", "the widget showing yesterday's data", "TestFlight builds stuck in processing"]),
        ("cause", &["a `BGAppRefreshTask` that never calls `setTaskCompleted`", "a force-unwrap on a missing keychain item", "the widget timeline policy set to `.never`", "a missing export compliance answer"]),
        ("fix", &["Call `setTaskCompleted(success:)` on every path, including the expiration handler", "Handle the missing keychain item and re-create it", "Use `.after(date)` in the timeline policy", "Set `ITSAppUsesNonExemptEncryption` in the Info.plist"]),
        ("command", &["the Xcode Organizer crash logs", "`xcrun simctl spawn booted log stream`", "Instruments with the Allocations template", "the Console app filtered on our subsystem"]),
        ("link", &["https://developer.apple.com/documentation/backgroundtasks", "https://docs.demo.hallway.dev/mobile/ios-release"]),
        ("update", &["iOS 3.14 is in TestFlight", "the widget refreshes every 15 minutes now", "VoiceOver labels landed on every screen", "we dropped iOS 15 support"]),
    ]},
    Topic { tag: "android", pools: &[
        ("subject", &["the Android app", "push on Android", "the offline queue on Android", "the Play Store build", "WorkManager jobs"]),
        ("symptom", &["notifications arriving hours late on Xiaomi phones", "an ANR when opening a busy room", "sync silently stopping after a reboot", "the Play Console flagging a crash spike"]),
        ("cause", &["aggressive battery optimisation on some vendors", "JSON parsing on the main thread", "the WorkManager job not being rescheduled after boot", "a null from a platform API on Android 8"]),
        ("fix", &["Use high-priority FCM messages and link the dontkillmyapp page in settings", "Move parsing to a background dispatcher", "Enqueue the periodic work with `KEEP` on app start", "Guard the call and fall back gracefully"]),
        ("command", &["`adb logcat -s Hallway`", "`adb shell dumpsys jobscheduler`", "the Play Console vitals", "the Android Studio profiler"]),
        ("link", &["https://dontkillmyapp.com", "https://docs.demo.hallway.dev/mobile/android-release"]),
        ("update", &["Android 3.14 is rolling out to 20%", "the ANR rate is below 0.2% again", "push now uses high-priority messages", "the minimum SDK is now 26"]),
    ]},
    Topic { tag: "offline sync", pools: &[
        ("subject", &["offline mode", "the sync conflict resolver", "the local message cache", "the outbox", "reconnect after airplane mode"]),
        ("symptom", &["messages sent offline showing up twice", "edits lost when two devices are offline", "the cache growing past 500 MB", "a gap in history after reconnecting"]),
        ("cause", &["retrying without the client message id", "last-writer-wins on the whole message instead of per field", "never evicting rooms nobody opens", "asking for events after the wrong sequence number"]),
        ("fix", &["Send the same client message id on every retry so the server drops duplicates", "Merge edits per field and keep the later timestamp", "Evict rooms untouched for 30 days", "Resume from the last seq we stored, not the last one we rendered"]),
        ("command", &["the sync debug overlay", "the outbox inspector in the debug menu", "`sqlite3 cache.db '.tables'`", "the network link conditioner"]),
        ("link", &["https://docs.demo.hallway.dev/mobile/offline-sync", "https://docs.demo.hallway.dev/protocol/v1#resume"]),
        ("update", &["the outbox retries with client ids everywhere", "the cache evicts old rooms", "resume uses per-room seqs", "offline mode is on for all beta users"]),
    ]},
    Topic { tag: "push notifications", pools: &[
        ("subject", &["push notifications", "the notification settings screen", "APNs tokens", "quiet hours", "the deep links from notifications"]),
        ("symptom", &["notifications during someone's quiet hours", "deep links opening the wrong room", "duplicate pushes on iPad", "pushes failing for people who reinstalled the app"]),
        ("cause", &["quiet hours computed in UTC instead of the person's zone", "the room id parsed as a name", "two devices registered with one token", "old tokens never pruned after `410 Unregistered`"]),
        ("fix", &["Compute quiet hours in the person's IANA zone", "Put the room id in the payload and look it up", "Deduplicate tokens per device id", "Delete the token on `410` from APNs"]),
        ("command", &["the APNs push console", "`adb shell am start -d hallway://room/42`", "the push delivery log", "the notification service extension logs"]),
        ("link", &["https://developer.apple.com/documentation/usernotifications", "https://docs.demo.hallway.dev/mobile/push"]),
        ("update", &["quiet hours follow your time zone now", "deep links carry room ids", "dead push tokens are pruned nightly", "push respects focus status"]),
    ]},
];
