import Foundation

extension ImageAugmenter {
    /// Writes `source` flipped, rotated, scaled and shifted by `draw` into `destination`, as the
    /// type's documentation describes.
    ///
    /// Each output pixel (x, y) reads its source position by inverting the steps: undo the shift,
    /// undo the rotation and scale about the center c, then undo the flips. In image coordinates
    /// (y down), a counterclockwise rotation by a maps an offset (dx, dy) from c to
    /// (dx cos a + dy sin a, -dx sin a + dy cos a). Its inverse maps (dx, dy) to
    /// (dx cos a - dy sin a, dx sin a + dy cos a).
    func warp(
        _ source: UnsafePointer<Float>, into destination: UnsafeMutablePointer<Float>,
        by draw: AugmentationDraw
    ) {
        if draw.angle == 0 && draw.scale == 1 {
            copyShifted(source, into: destination, by: draw)
            return
        }

        let (channels, height, width) = (sampleShape[0], sampleShape[1], sampleShape[2])
        let planeSize = height * width
        let centerX = Float(width - 1) / 2
        let centerY = Float(height - 1) / 2
        // A flip about the center negates the offset from the center, so it only changes signs.
        let signX: Float = draw.flipsHorizontally ? -1 : 1
        let signY: Float = draw.flipsVertically ? -1 : 1
        let cosine = cos(draw.angle) / draw.scale
        let sine = sin(draw.angle) / draw.scale
        // The source position moves by (stepX, stepY) per output pixel along a row.
        let stepX = signX * cosine
        let stepY = signY * sine
        for y in 0..<height {
            let offsetY = Float(y - draw.shiftY) - centerY
            let firstOffsetX = Float(-draw.shiftX) - centerX
            var sourceX = centerX + signX * (firstOffsetX * cosine - offsetY * sine)
            var sourceY = centerY + signY * (firstOffsetX * sine + offsetY * cosine)
            for x in 0..<width {
                defer {
                    sourceX += stepX
                    sourceY += stepY
                }
                let left = Int(sourceX.rounded(.down))
                let top = Int(sourceY.rounded(.down))
                let fractionX = sourceX - Float(left)
                let fractionY = sourceY - Float(top)
                let output = destination + y * width + x
                if left >= 0 && left < width - 1 && top >= 0 && top < height - 1 {
                    // All four neighbors lie inside the image.
                    for channel in 0..<channels {
                        let corner = source + channel * planeSize + top * width + left
                        let upper = corner[0] + (corner[1] - corner[0]) * fractionX
                        let lower = corner[width] + (corner[width + 1] - corner[width]) * fractionX
                        output[channel * planeSize] = upper + (lower - upper) * fractionY
                    }
                    continue
                }
                let insideLeft = left >= 0 && left < width
                let insideRight = left + 1 >= 0 && left + 1 < width
                let insideTop = top >= 0 && top < height
                let insideBottom = top + 1 >= 0 && top + 1 < height
                for channel in 0..<channels {
                    let plane = source + channel * planeSize
                    let black = channelMinimums[channel]
                    let topLeft = insideTop && insideLeft ? plane[top * width + left] : black
                    let topRight = insideTop && insideRight ? plane[top * width + left + 1] : black
                    let bottomLeft = insideBottom && insideLeft ? plane[(top + 1) * width + left] : black
                    let bottomRight =
                        insideBottom && insideRight ? plane[(top + 1) * width + left + 1] : black
                    let upper = topLeft + (topRight - topLeft) * fractionX
                    let lower = bottomLeft + (bottomRight - bottomLeft) * fractionX
                    output[channel * planeSize] = upper + (lower - upper) * fractionY
                }
            }
        }
    }

    /// Copies `source` flipped and shifted by whole pixels, for a draw without rotation and zoom.
    private func copyShifted(
        _ source: UnsafePointer<Float>, into destination: UnsafeMutablePointer<Float>,
        by draw: AugmentationDraw
    ) {
        let (channels, height, width) = (sampleShape[0], sampleShape[1], sampleShape[2])
        let planeSize = height * width
        for channel in 0..<channels {
            let sourcePlane = source + channel * planeSize
            let destinationPlane = destination + channel * planeSize
            let black = channelMinimums[channel]
            for y in 0..<height {
                let row = destinationPlane + y * width
                let shiftedY = y - draw.shiftY
                guard shiftedY >= 0 && shiftedY < height else {
                    row.update(repeating: black, count: width)
                    continue
                }
                let sourceRow =
                    sourcePlane + (draw.flipsVertically ? height - 1 - shiftedY : shiftedY) * width
                for x in 0..<width {
                    let shiftedX = x - draw.shiftX
                    if shiftedX >= 0 && shiftedX < width {
                        row[x] = sourceRow[draw.flipsHorizontally ? width - 1 - shiftedX : shiftedX]
                    } else {
                        row[x] = black
                    }
                }
            }
        }
    }
}
