;; The modality LUT's integer case (HU = stored + RescaleIntercept, PS3.3 C.11.1.1.2) with WASM SIMD,
;; eight values per instruction, in place in this module's memory. Both functions clamp to int16
;; exactly as writeSliceHu (shared/dicom/rescale.ts) does and return how many values were clamped.
;; Compiled by scripts/build-wasm.mjs into rescaleSimdModule.ts; a unit test checks they agree.
(module
  (memory (export "memory") 9)

  ;; Stored values are int16 (PixelRepresentation 1). $n values at $ptr, $n a multiple of 8.
  (func (export "addSigned") (param $ptr i32) (param $n i32) (param $intercept i32) (result i32)
    (local $end i32) (local $add v128) (local $v v128) (local $sum v128) (local $clamped v128)
    (local.set $add (i16x8.splat (local.get $intercept)))
    (local.set $end (i32.add (local.get $ptr) (i32.shl (local.get $n) (i32.const 1))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $ptr) (local.get $end)))
        (local.set $v (v128.load (local.get $ptr)))
        (local.set $sum (i16x8.add_sat_s (local.get $v) (local.get $add)))
        ;; A lane clamped where the saturated sum differs from the wrapped one (ne gives -1 there).
        (local.set $clamped
          (i32x4.add (local.get $clamped)
            (i32x4.extadd_pairwise_i16x8_s
              (i16x8.ne (local.get $sum) (i16x8.add (local.get $v) (local.get $add))))))
        (v128.store (local.get $ptr) (local.get $sum))
        (local.set $ptr (i32.add (local.get $ptr) (i32.const 16)))
        (br $next)))
    (call $negatedLaneSum (local.get $clamped)))

  ;; Stored values are uint16 (PixelRepresentation 0): widened to int32, added, narrowed with
  ;; signed saturation.
  (func (export "addUnsigned") (param $ptr i32) (param $n i32) (param $intercept i32) (result i32)
    (local $end i32) (local $add v128) (local $v v128) (local $low v128) (local $high v128)
    (local $max v128) (local $min v128) (local $clamped v128)
    (local.set $add (i32x4.splat (local.get $intercept)))
    (local.set $max (i32x4.splat (i32.const 32767)))
    (local.set $min (i32x4.splat (i32.const -32768)))
    (local.set $end (i32.add (local.get $ptr) (i32.shl (local.get $n) (i32.const 1))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $ptr) (local.get $end)))
        (local.set $v (v128.load (local.get $ptr)))
        (local.set $low (i32x4.add (i32x4.extend_low_i16x8_u (local.get $v)) (local.get $add)))
        (local.set $high (i32x4.add (i32x4.extend_high_i16x8_u (local.get $v)) (local.get $add)))
        (local.set $clamped
          (i32x4.add (local.get $clamped)
            (i32x4.add
              (i32x4.add (i32x4.gt_s (local.get $low) (local.get $max)) (i32x4.lt_s (local.get $low) (local.get $min)))
              (i32x4.add (i32x4.gt_s (local.get $high) (local.get $max)) (i32x4.lt_s (local.get $high) (local.get $min))))))
        (v128.store (local.get $ptr) (i16x8.narrow_i32x4_s (local.get $low) (local.get $high)))
        (local.set $ptr (i32.add (local.get $ptr) (i32.const 16)))
        (br $next)))
    (call $negatedLaneSum (local.get $clamped)))

  ;; Each clamped lane added -1 to its accumulator lane.
  (func $negatedLaneSum (param $lanes v128) (result i32)
    (i32.sub (i32.const 0)
      (i32.add
        (i32.add (i32x4.extract_lane 0 (local.get $lanes)) (i32x4.extract_lane 1 (local.get $lanes)))
        (i32.add (i32x4.extract_lane 2 (local.get $lanes)) (i32x4.extract_lane 3 (local.get $lanes)))))))
