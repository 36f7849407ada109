# -DCNNPLACE_SANITIZE=address  -> AddressSanitizer + UndefinedBehaviorSanitizer
# -DCNNPLACE_SANITIZE=thread   -> ThreadSanitizer
set(CNNPLACE_SANITIZE "" CACHE STRING "Sanitizer build: address (ASan+UBSan) or thread (TSan)")
if(CNNPLACE_SANITIZE STREQUAL "address")
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
elseif(CNNPLACE_SANITIZE STREQUAL "thread")
  add_compile_options(-fsanitize=thread -fno-omit-frame-pointer)
  add_link_options(-fsanitize=thread)
elseif(NOT CNNPLACE_SANITIZE STREQUAL "")
  message(FATAL_ERROR "CNNPLACE_SANITIZE must be empty, 'address' or 'thread', not '${CNNPLACE_SANITIZE}'")
endif()
