;; The voxel scan of the lung mask's body step (bodyAirRuns.ts) with WASM SIMD: sixteen int16 HU
;; values per step become one bit each in three masks, so JavaScript finds the runs from 32-bit
;; words (Math.clz32) instead of testing every voxel.
;; Compiled by scripts/build-wasm.mjs into bodyScanSimdModule.ts; a unit test checks they agree.
(module
  (memory (export "memory") 17)

  ;; $n int16 values at $src ($n a multiple of 16). Bit i of the masks (16 bits per 16 values, little
  ;; endian, so 32-bit words hold values 32w .. 32w + 31 in bits 0 .. 31):
  ;; - $air:  value < $airBelow;
  ;; - $bone: value >= $boneAt;
  ;; - $pad:  value < $padBelow, or $padLow <= value <= $padHigh (padding, densitometryInput.ts).
  (func (export "classify")
    (param $src i32) (param $n i32) (param $airBelow i32) (param $boneAt i32)
    (param $padBelow i32) (param $padLow i32) (param $padHigh i32)
    (param $air i32) (param $bone i32) (param $pad i32)
    (local $end i32) (local $a v128) (local $b v128)
    (local $airV v128) (local $boneV v128) (local $padBelowV v128) (local $padLowV v128) (local $padHighV v128)
    (local.set $airV (i16x8.splat (local.get $airBelow)))
    (local.set $boneV (i16x8.splat (local.get $boneAt)))
    (local.set $padBelowV (i16x8.splat (local.get $padBelow)))
    (local.set $padLowV (i16x8.splat (local.get $padLow)))
    (local.set $padHighV (i16x8.splat (local.get $padHigh)))
    (local.set $end (i32.add (local.get $src) (i32.shl (local.get $n) (i32.const 1))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $src) (local.get $end)))
        (local.set $a (v128.load (local.get $src)))
        (local.set $b (v128.load offset=16 (local.get $src)))
        ;; Each comparison gives -1 or 0 per lane; narrowing two of them gives 16 bytes of -1 or 0,
        ;; whose top bits bitmask gathers.
        (i32.store16 (local.get $air)
          (i8x16.bitmask (i8x16.narrow_i16x8_s
            (i16x8.lt_s (local.get $a) (local.get $airV))
            (i16x8.lt_s (local.get $b) (local.get $airV)))))
        (i32.store16 (local.get $bone)
          (i8x16.bitmask (i8x16.narrow_i16x8_s
            (i16x8.ge_s (local.get $a) (local.get $boneV))
            (i16x8.ge_s (local.get $b) (local.get $boneV)))))
        (i32.store16 (local.get $pad)
          (i8x16.bitmask (i8x16.narrow_i16x8_s
            (v128.or
              (i16x8.lt_s (local.get $a) (local.get $padBelowV))
              (v128.and (i16x8.ge_s (local.get $a) (local.get $padLowV)) (i16x8.le_s (local.get $a) (local.get $padHighV))))
            (v128.or
              (i16x8.lt_s (local.get $b) (local.get $padBelowV))
              (v128.and (i16x8.ge_s (local.get $b) (local.get $padLowV)) (i16x8.le_s (local.get $b) (local.get $padHighV)))))))
        (local.set $src (i32.add (local.get $src) (i32.const 32)))
        (local.set $air (i32.add (local.get $air) (i32.const 2)))
        (local.set $bone (i32.add (local.get $bone) (i32.const 2)))
        (local.set $pad (i32.add (local.get $pad) (i32.const 2)))
        (br $next)))))
