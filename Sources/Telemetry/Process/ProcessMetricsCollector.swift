#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// The standard `process_*` metrics of Prometheus client libraries, read from `/proc` at every scrape.
///
/// On a system without `/proc` it reports nothing rather than made-up values.
public struct ProcessMetricsCollector: MetricsCollector {
    public init() {}

    public func collect() -> [CollectedMetric] {
        guard let stat = ProcStat.readSelf() else { return [] }
        var metrics = [
            gauge("process_resident_memory_bytes", "Resident memory size in bytes.", stat.residentBytes),
            gauge("process_virtual_memory_bytes", "Virtual memory size in bytes.", stat.virtualBytes),
            CollectedMetric(
                name: "process_cpu_seconds_total",
                kind: .counter,
                help: "Total user and system CPU time spent in seconds.",
                samples: [.init(value: stat.cpuSeconds)]
            ),
        ]
        if let start = stat.startTimeSeconds {
            metrics.append(
                gauge("process_start_time_seconds", "Start time of the process since the Unix epoch in seconds.", start)
            )
        }
        if let open = ProcStat.openFileDescriptors() {
            metrics.append(gauge("process_open_fds", "Number of open file descriptors.", Double(open)))
        }
        if let limit = ProcStat.maxFileDescriptors() {
            metrics.append(gauge("process_max_fds", "Maximum number of open file descriptors.", Double(limit)))
        }
        return metrics
    }

    private func gauge(_ name: String, _ help: String, _ value: Double) -> CollectedMetric {
        CollectedMetric(name: name, kind: .gauge, help: help, samples: [.init(value: value)])
    }
}

/// Fields of `/proc/self/stat` (see proc(5)) and friends.
struct ProcStat {
    var cpuSeconds: Double
    var virtualBytes: Double
    var residentBytes: Double
    var startTimeSeconds: Double?

    static func readSelf() -> ProcStat? {
        guard let text = readFile("/proc/self/stat"), let parsed = parse(stat: text) else { return nil }
        let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
        let pageSize = Double(sysconf(Int32(_SC_PAGESIZE)))
        var startTime: Double?
        if let boot = bootTime() {
            startTime = boot + parsed.startTicks / ticks
        }
        return ProcStat(
            cpuSeconds: (parsed.userTicks + parsed.systemTicks) / ticks,
            virtualBytes: parsed.virtualBytes,
            residentBytes: parsed.residentPages * pageSize,
            startTimeSeconds: startTime
        )
    }

    /// Fields after the command name, which sits in parentheses and may itself contain spaces or `)`.
    static func parse(
        stat: String
    ) -> (userTicks: Double, systemTicks: Double, startTicks: Double, virtualBytes: Double, residentPages: Double)? {
        guard let close = stat.lastIndex(of: ")") else { return nil }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        // fields[0] is field 3 (state); field N is fields[N - 3].
        guard fields.count > 21,
            let user = Double(fields[11]), let system = Double(fields[12]),
            let start = Double(fields[19]), let virtual = Double(fields[20]), let resident = Double(fields[21])
        else { return nil }
        return (user, system, start, virtual, resident)
    }

    static func bootTime() -> Double? {
        guard let text = readFile("/proc/stat") else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("btime ") {
            return Double(line.dropFirst("btime ".count))
        }
        return nil
    }

    static func openFileDescriptors() -> Int? {
        guard let directory = opendir("/proc/self/fd") else { return nil }
        defer { closedir(directory) }
        var count = 0
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) {
                String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { count += 1 }
        }
        return count - 1  // the descriptor opendir itself holds
    }

    static func maxFileDescriptors() -> Int? {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return nil }
        return Int(limit.rlim_cur)
    }

    static func readFile(_ path: String) -> String? {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var bytes = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { break }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
