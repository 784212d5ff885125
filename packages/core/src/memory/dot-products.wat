;; Source of the WebAssembly in dot-products-wasm.ts; after editing, regenerate it with
;;   wat2wasm dot-products.wat --output=- | base64 -w0
;; (wat2wasm is in Debian's and Homebrew's `wabt` package).
;;
;; dotProducts(query, matrix, rows, stride, out): for each of `rows` rows of `stride` float32s
;; starting at byte `matrix`, stores its dot product with the `stride` float32s at byte `query`
;; as one float32 at `out`, `out + 4`, ... `stride` must be a multiple of 8 (rows are padded
;; with zeros); all addresses must be 16-byte aligned. Two 4-lane accumulators keep two
;; multiply-adds in flight, since each one waits for the previous add to the same accumulator.
(module
  (memory (export "memory") 1)
  (func (export "dotProducts")
    (param $query i32) (param $matrix i32) (param $rows i32) (param $stride i32) (param $out i32)
    (local $outEnd i32) (local $rowEnd i32) (local $q i32) (local $sumA v128) (local $sumB v128)
    (local.set $outEnd (i32.add (local.get $out) (i32.shl (local.get $rows) (i32.const 2))))
    (block $done
      (loop $eachRow
        (br_if $done (i32.ge_u (local.get $out) (local.get $outEnd)))
        (local.set $sumA (v128.const f32x4 0 0 0 0))
        (local.set $sumB (v128.const f32x4 0 0 0 0))
        (local.set $q (local.get $query))
        (local.set $rowEnd (i32.add (local.get $matrix) (i32.shl (local.get $stride) (i32.const 2))))
        (block $rowDone
          (loop $eachEight
            (br_if $rowDone (i32.ge_u (local.get $matrix) (local.get $rowEnd)))
            (local.set $sumA
              (f32x4.add (local.get $sumA)
                (f32x4.mul (v128.load (local.get $matrix)) (v128.load (local.get $q)))))
            (local.set $sumB
              (f32x4.add (local.get $sumB)
                (f32x4.mul (v128.load offset=16 (local.get $matrix)) (v128.load offset=16 (local.get $q)))))
            (local.set $matrix (i32.add (local.get $matrix) (i32.const 32)))
            (local.set $q (i32.add (local.get $q) (i32.const 32)))
            (br $eachEight)))
        (local.set $sumA (f32x4.add (local.get $sumA) (local.get $sumB)))
        (f32.store (local.get $out)
          (f32.add
            (f32.add (f32x4.extract_lane 0 (local.get $sumA)) (f32x4.extract_lane 1 (local.get $sumA)))
            (f32.add (f32x4.extract_lane 2 (local.get $sumA)) (f32x4.extract_lane 3 (local.get $sumA)))))
        (local.set $out (i32.add (local.get $out) (i32.const 4)))
        (br $eachRow)))))
