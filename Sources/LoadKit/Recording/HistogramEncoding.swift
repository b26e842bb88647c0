import CompressNIO
import Foundation
import Histogram
import NIOCore

/// HdrHistogram's compressed V2 encoding, as interval logs carry it: a 40-byte big-endian header (cookie
/// `0x1c849313`, payload length, normalizing offset, significant digits, lowest and highest trackable value,
/// conversion ratio), then every bucket's count as a ZigZag LEB128 number, a run of empty buckets as one
/// negative number; all of it zlib-compressed behind the cookie `0x1c849314` and its length.
enum HistogramEncoding {
    static let encodingCookie: UInt32 = 0x1c84_9313
    static let compressedCookie: UInt32 = 0x1c84_9314

    /// The histogram as base64 text for an interval log line.
    static func encode(_ histogram: Histogram<UInt64>) throws -> String {
        var payload = ByteBuffer()
        var zeros: Int64 = 0
        let lastNonZero = histogram.totalCount == 0 ? -1 : index(of: histogram.max, in: histogram)
        var index = 0
        for bucket in histogram.allValues() {
            guard index <= lastNonZero else { break }
            index += 1
            if bucket.count == 0 {
                zeros += 1
                continue
            }
            if zeros > 0 {
                writeZigZag(-zeros, to: &payload)
                zeros = 0
            }
            writeZigZag(Int64(bucket.count), to: &payload)
        }
        var encoded = ByteBuffer()
        encoded.writeInteger(encodingCookie)
        encoded.writeInteger(UInt32(payload.readableBytes))
        encoded.writeInteger(UInt32(0))
        encoded.writeInteger(UInt32(histogram.numberOfSignificantValueDigits.rawValue))
        encoded.writeInteger(histogram.lowestDiscernibleValue)
        encoded.writeInteger(histogram.highestTrackableValue)
        encoded.writeInteger((1.0 as Double).bitPattern)
        encoded.writeBuffer(&payload)
        let compressed = try encoded.compress(with: .zlib())
        var whole = ByteBuffer()
        whole.writeInteger(compressedCookie)
        whole.writeInteger(UInt32(compressed.readableBytes))
        whole.writeImmutableBuffer(compressed)
        return Data(whole.readableBytesView).base64EncodedString()
    }

    /// A histogram read back from ``encode(_:)`` (or another writer of the same format).
    static func decode(_ text: String) throws -> Histogram<UInt64> {
        guard let data = Data(base64Encoded: text) else { throw HistogramLogError("an interval is not base64") }
        var whole = ByteBuffer(bytes: data)
        guard whole.readInteger(as: UInt32.self) == compressedCookie, let length = whole.readInteger(as: UInt32.self),
            var compressed = whole.readSlice(length: Int(length))
        else { throw HistogramLogError("an interval is not a compressed V2 histogram") }
        var encoded = try compressed.decompress(with: .zlib())
        guard encoded.readInteger(as: UInt32.self) == encodingCookie,
            let payloadLength = encoded.readInteger(as: UInt32.self),
            encoded.readInteger(as: UInt32.self) == 0, let digits = encoded.readInteger(as: UInt32.self),
            let lowest = encoded.readInteger(as: UInt64.self), let highest = encoded.readInteger(as: UInt64.self),
            encoded.readInteger(as: UInt64.self) != nil, var payload = encoded.readSlice(length: Int(payloadLength)),
            let significant = SignificantDigits(rawValue: Int8(digits))
        else { throw HistogramLogError("an interval's V2 header is malformed") }
        var histogram = Histogram<UInt64>(
            lowestDiscernibleValue: lowest,
            highestTrackableValue: highest,
            numberOfSignificantValueDigits: significant
        )
        histogram.autoResize = true
        let layout = BucketLayout(lowest: lowest, digits: Int(digits))
        var index: Int64 = 0
        while payload.readableBytes > 0 {
            let value = try readZigZag(from: &payload)
            if value < 0 {
                index += -value
            } else {
                if value > 0 { _ = histogram.record(layout.value(at: Int(index)), count: UInt64(value)) }
                index += 1
            }
        }
        return histogram
    }

    /// The counts index of a value: the position of its bucket in ``Histogram/allValues()``.
    private static func index(of value: UInt64, in histogram: Histogram<UInt64>) -> Int {
        BucketLayout(
            lowest: histogram.lowestDiscernibleValue,
            digits: Int(histogram.numberOfSignificantValueDigits.rawValue)
        )
        .index(of: value)
    }

    private static func writeZigZag(_ value: Int64, to buffer: inout ByteBuffer) {
        var zigzag = UInt64(bitPattern: (value << 1) ^ (value >> 63))
        for _ in 0..<8 {
            if zigzag < 0x80 {
                buffer.writeInteger(UInt8(zigzag))
                return
            }
            buffer.writeInteger(UInt8(zigzag & 0x7F | 0x80))
            zigzag >>= 7
        }
        buffer.writeInteger(UInt8(truncatingIfNeeded: zigzag))
    }

    private static func readZigZag(from buffer: inout ByteBuffer) throws -> Int64 {
        var value: UInt64 = 0
        for byteIndex in 0..<9 {
            guard let byte = buffer.readInteger(as: UInt8.self) else { throw HistogramLogError("a count is cut off") }
            if byteIndex == 8 {
                value |= UInt64(byte) << 56
                break
            }
            value |= UInt64(byte & 0x7F) << (7 * UInt64(byteIndex))
            if byte & 0x80 == 0 { break }
        }
        return Int64(bitPattern: value >> 1) ^ -Int64(bitPattern: value & 1)
    }
}

/// HdrHistogram's bucket layout: which counts index holds a value, and back.
struct BucketLayout {
    let unitMagnitude: Int
    let subBucketHalfCountMagnitude: Int
    let subBucketHalfCount: Int
    let subBucketMask: UInt64

    init(lowest: UInt64, digits: Int) {
        let largestSingleUnitResolution = 2 * UInt64(pow(10, Double(digits)))
        let subBucketCountMagnitude = Int(ceil(log2(Double(largestSingleUnitResolution))))
        subBucketHalfCountMagnitude = max(subBucketCountMagnitude, 1) - 1
        unitMagnitude = Int(floor(log2(Double(lowest))))
        subBucketHalfCount = 1 << subBucketHalfCountMagnitude
        subBucketMask = UInt64((1 << subBucketCountMagnitude) - 1) << unitMagnitude
    }

    func index(of value: UInt64) -> Int {
        let bucket =
            64 - (value | subBucketMask).leadingZeroBitCount - unitMagnitude - (subBucketHalfCountMagnitude + 1)
        let subBucket = Int(value >> UInt64(bucket + unitMagnitude))
        return ((bucket + 1) << subBucketHalfCountMagnitude) + (subBucket - subBucketHalfCount)
    }

    func value(at index: Int) -> UInt64 {
        var bucket = (index >> subBucketHalfCountMagnitude) - 1
        var subBucket = (index & (subBucketHalfCount - 1)) + subBucketHalfCount
        if bucket < 0 {
            subBucket -= subBucketHalfCount
            bucket = 0
        }
        return UInt64(subBucket) << UInt64(bucket + unitMagnitude)
    }
}

/// An interval log that cannot be read.
public struct HistogramLogError: Error, Sendable, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
